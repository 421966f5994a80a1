import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { credentialsContract } from '@solapi/credentials-spec'
import { type RunningSandbox, runProcess, stopAllProcesses } from '@solapi/devkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signatureMatches } from '../../src/domain/auth/verify-signature.js'
import { databaseFor } from '../support/backend.js'
import { startEntry } from '../support/sandbox-process.js'
import { TEST_CREDENTIAL } from '../support/signing.js'

// Signs with nothing but the shell, openssl and curl: proves the scheme itself, not just the
// client and the server agreeing with each other.
const CURL_SCRIPT = `
set -eu
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
salt=$(openssl rand -hex 16)
sig=$(printf '%s' "$date$salt" | openssl dgst "-$HASH" -hmac "$API_SECRET" -hex | sed 's/^.*= //')
curl -sS -X POST "$URL$OP" \\
  -H "Authorization: $METHOD apiKey=$API_KEY, date=$date, salt=$salt, signature=$sig" \\
  -H 'Content-Type: application/json' \\
  -d "$BODY" \\
  -w '\\n%{http_code}'
`

const dir = mkdtempSync(join(tmpdir(), 'sandbox-curl-'))
let server: RunningSandbox

beforeAll(async () => {
  server = await startEntry({
    database: await databaseFor(join(dir, 'curl.db')),
    credential: TEST_CREDENTIAL,
    env: { LOG_LEVEL: 'silent' },
  })
})
afterAll(async () => {
  await stopAllProcesses()
  rmSync(dir, { recursive: true, force: true })
})

/** Runs a shell script with only `env` (and PATH); its stdout, or a throw with its stderr. */
async function shell(script: string, env: Record<string, string>): Promise<string> {
  const result = await runProcess('sh', ['-c', script], {
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', ...env },
  })
  if (result.code !== 0) throw new Error(`sh exited ${result.code}:\n${result.stderr}`)
  return result.stdout
}

async function curl(op: string, body: string, method: 'HMAC-SHA256' | 'HMAC-MD5' = 'HMAC-SHA256') {
  const out = await shell(CURL_SCRIPT, {
    PATH: process.env.PATH ?? '',
    URL: server.url,
    OP: op,
    BODY: body,
    METHOD: method,
    HASH: method === 'HMAC-MD5' ? 'md5' : 'sha256',
    API_KEY: TEST_CREDENTIAL.apiKey,
    API_SECRET: TEST_CREDENTIAL.apiSecret,
  })
  const lines = out.trimEnd().split('\n')
  const status = Number(lines.pop())
  return { status, body: JSON.parse(lines.join('\n')) }
}

describe('plain curl with an openssl-made header', () => {
  it('lists, creates and reads credentials with HMAC-SHA256', async () => {
    const list = await curl('/credentials/getCredentialList', '{}')
    expect(list.status).toBe(200)
    expect(Object.keys(list.body.credentials)).toEqual([TEST_CREDENTIAL.apiKey])
    const created = await curl('/credentials/createCredential', '{}')
    expect(created.status).toBe(200)
    const info = await curl(
      '/credentials/getCredentialInfo',
      JSON.stringify({ apiKey: created.body.apiKey }),
    )
    expect(info.body).toMatchObject({ apiKey: created.body.apiKey, credentialStatus: 'active' })
  })

  it('works with HMAC-MD5 too', async () => {
    expect((await curl('/credentials/getCredentialList', '{}', 'HMAC-MD5')).status).toBe(200)
  })

  it('is refused with the wrong secret', async () => {
    const out = await shell(CURL_SCRIPT, {
      URL: server.url,
      OP: '/credentials/getCredentialList',
      BODY: '{}',
      METHOD: 'HMAC-SHA256',
      HASH: 'sha256',
      API_KEY: TEST_CREDENTIAL.apiKey,
      API_SECRET: 'NOTTHESECRET00000000000000000000',
    })
    expect(out).toMatch(/SignatureDoesNotMatch[\s\S]*\n403$/)
  })
})

describe("the spec's worked example", () => {
  const example = credentialsContract.signing.workedExample
  const ruleOf = (name: string) => {
    const rule = credentialsContract.signing.algorithms.find((a) => a.name === name)
    if (!rule) throw new Error(`the spec has no algorithm ${name}`)
    return rule
  }

  it.each([
    ['HMAC-SHA256', 'sha256', 'SHA-256', 64],
    ['HMAC-MD5', 'md5', 'MD5', 32],
  ] as const)(
    '%s: openssl and the verifier agree with the documented signature',
    async (name, flag, hash, length) => {
      const openssl = (
        await shell(
          `printf '%s' "$DATA" | openssl dgst -${flag} -hmac "$SECRET" -hex | sed 's/^.*= //'`,
          { DATA: example.date + example.salt, SECRET: example.apiSecret },
        )
      ).trim()
      expect(openssl).toBe(example.signatures[name])
      const rule = ruleOf(name)
      expect(rule).toEqual({ name, hash, signatureHexLength: length })
      const input = { rule, date: example.date, salt: example.salt }
      expect(signatureMatches({ ...input, signature: openssl }, example.apiSecret)).toBe(true)
      expect(
        signatureMatches(
          { ...input, signature: openssl.replace(/.$/, (c) => (c === '0' ? '1' : '0')) },
          example.apiSecret,
        ),
      ).toBe(false)
    },
  )
})
