import { credentialsContract } from '@solapi/credentials-spec'
import { describe, expect, it } from 'vitest'
import {
  packedFiles,
  parseAuthorizationHeader,
  randomCredential,
  repoRoot,
  workspacePackageDir,
} from '../src/index.js'

describe('parseAuthorizationHeader', () => {
  const example = credentialsContract.signing.workedExample
  const header = credentialsContract.formatAuthorization({
    algorithm: 'HMAC-MD5',
    apiKey: example.apiKey,
    date: example.date,
    salt: example.salt,
    signature: example.signatures['HMAC-MD5'] ?? '',
  })

  it('reads the parts of a header with the spec grammar', () => {
    expect(parseAuthorizationHeader(header)).toMatchObject({
      algorithm: 'HMAC-MD5',
      apiKey: example.apiKey,
      date: example.date,
      salt: example.salt,
      signature: example.signatures['HMAC-MD5'],
    })
  })

  it('throws naming the problem', () => {
    expect(() => parseAuthorizationHeader(undefined)).toThrow(/^MissingAuthorization: /)
    expect(() => parseAuthorizationHeader(header.replace('salt=', 'pepper='))).toThrow(
      /MalformedAuthorization: Authorization part 3 must be salt=<value>/,
    )
  })
})

describe('randomCredential', () => {
  it('makes a different credential each time, in the shapes of the spec', () => {
    const [first, second] = [randomCredential(), randomCredential()]
    expect(first.apiKey).toMatch(credentialsContract.limits.apiKey.pattern)
    expect(first.apiSecret).toMatch(credentialsContract.limits.apiSecret.pattern)
    expect(second).not.toEqual(first)
  })
})

describe('workspace', () => {
  it('finds packages by name the way pnpm-workspace.yaml lists them', () => {
    expect(workspacePackageDir('@solapi/credentials-spec')).toBe(`${repoRoot}/spec`)
    expect(workspacePackageDir('@solapi/devkit')).toBe(`${repoRoot}/packages/devkit`)
    expect(() => workspacePackageDir('@solapi/nothing')).toThrow(/no workspace package/)
  })
})

describe('packedFiles', () => {
  it("lists what npm would pack, from the package's files field", () => {
    const files = packedFiles(workspacePackageDir('@solapi/credentials-spec'))
    expect(files).toContain('package.json')
    expect(files).toContain('dist/openapi.json')
    expect(files.filter((file) => file.startsWith('test/') || file.startsWith('scripts/'))).toEqual(
      [],
    )
  })
})
