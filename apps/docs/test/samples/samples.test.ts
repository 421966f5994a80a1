import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot, runProcess, startMock } from '@solapi/devkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appDir } from '../helpers/app.ts'
import { startSignatureChecker } from '../helpers/signature-checker.ts'
import { type Json, operations } from '../helpers/spec.ts'

// The samples' built-in default secret (the spec's worked example): never printed.
const API_SECRET = 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B'
// A different pair for the signature check, passed the way a user would.
const OTHER_KEY = 'NCSRPB685VXTOWLA'
const OTHER_SECRET = 'YK77YTAGT1YWUORCGLAZNCSQE7JMOI8O'

const bun = join(repoRoot, 'node_modules/.bin/bun')

/** What the Python and TypeScript samples print for the mock's default answer: no secrets. */
const expectedLines: Record<string, (example: Json) => string[]> = {
  createCredential: (e) => [`Created ${e.apiKey}; store its apiSecret now, it is not shown again.`],
  getCredentialInfo: (e) => [`${e.apiKey} ${e.credentialStatus} ${e.dateCreated}`],
  regenerateSecretKey: (e) => [`New secret for ${e.apiKey}; the old one no longer signs requests.`],
  getCredentialList: (e) =>
    Object.entries(e.credentials as Record<string, Json>).map(
      ([key, c]) => `${key} ${c.credentialStatus} ${c.dateCreated}`,
    ),
  updateCredentialStatus: (e) => [`${e.apiKey} ${e.resultCode}`],
  deleteCredential: (e) => [`${e.apiKey} ${e.resultCode}`],
}

const languages = [
  { name: 'curl', file: (op: string) => `samples/${op}.sh`, command: 'bash' },
  { name: 'Python', file: (op: string) => `samples/${op}.py`, command: 'python3' },
  { name: 'TypeScript', file: (op: string) => `samples/${op}.ts`, command: bun },
] as const

/** Runs a sample (or tool) in this app's folder; a failure is asserted on, with its output. */
const run = (command: string, args: string[], env: Record<string, string> = {}) =>
  runProcess(command, args, { cwd: appDir, env, timeoutMs: 60_000 })

let mock: Awaited<ReturnType<typeof startMock>>
let checker: Awaited<ReturnType<typeof startSignatureChecker>>

beforeAll(async () => {
  ;[mock, checker] = await Promise.all([
    startMock(),
    startSignatureChecker(OTHER_KEY, OTHER_SECRET),
  ])
})

afterAll(async () => {
  await Promise.all([mock?.stop(), checker?.close()])
})

describe('sample files', () => {
  it('exist for every operation in every language, and nothing else', () => {
    const expected = operations.flatMap((op) =>
      ['sh', 'py', 'ts'].map((e) => `${op.operationId}.${e}`),
    )
    expect(readdirSync(join(appDir, 'samples')).sort()).toEqual(expected.sort())
  })

  it('type-check against @solapi/credentials-client (tsc)', async () => {
    const tsc = join(appDir, 'node_modules/.bin/tsc')
    const result = await run(tsc, ['-p', 'tsconfig.samples.json'])
    expect(result.stdout + result.stderr).toBe('')
    expect(result.code).toBe(0)
  })
})

for (const op of operations) {
  describe(op.operationId, () => {
    for (const language of languages) {
      const file = language.file(op.operationId)

      it(`${language.name} sample runs against the mock`, async () => {
        expect(existsSync(join(appDir, file))).toBe(true)
        const result = await run(language.command, [file], { SOLAPI_BASE_URL: mock.url })
        expect(result.stderr).toBe('')
        expect(result.code).toBe(0)
        if (language.name === 'curl') {
          // curl prints the raw response: the mock's default, the reference's sample.
          expect(JSON.parse(result.stdout)).toEqual(op.okExample)
        } else {
          expect(result.stdout.trimEnd().split('\n')).toEqual(
            expectedLines[op.operationId]?.(op.okExample),
          )
          expect(result.stdout).not.toContain(API_SECRET)
        }
      })

      it(`${language.name} sample signs the documented request with the key it is given`, async () => {
        const before = checker.requests.length
        const result = await run(language.command, [file], {
          SOLAPI_BASE_URL: checker.url,
          SOLAPI_API_KEY: OTHER_KEY,
          SOLAPI_API_SECRET: OTHER_SECRET,
        })
        expect(result.code).toBe(0)
        const sent = checker.requests.slice(before)
        expect(sent).toHaveLength(1)
        expect(sent[0]).toEqual({
          path: op.path,
          contentType: 'application/json',
          body: op.requestExample,
          signingProblems: [],
        })
      })
    }

    it('Python and TypeScript samples report an API error with its code and a non-zero exit', async () => {
      for (const language of languages.slice(1)) {
        const result = await run(language.command, [language.file(op.operationId)], {
          SOLAPI_BASE_URL: `${mock.url}/no-such-prefix`,
        })
        expect(result.code).not.toBe(0)
        expect(result.stdout).toBe('')
        expect(result.stderr).toContain('404')
      }
    })
  })
}

// The env var the samples read is what lets these tests point them at a mock; a sample that
// ignores it would hit the default port, where nothing listens during tests.
it('samples default to the local mock on 127.0.0.1:4010', () => {
  for (const op of operations) {
    for (const language of languages) {
      const text = readFileSync(join(appDir, language.file(op.operationId)), 'utf8')
      expect(text).toContain('SOLAPI_BASE_URL')
      expect(text).toContain('http://127.0.0.1:4010')
    }
  }
})
