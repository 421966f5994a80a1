// The kit's own test is a mutation test: a real sandbox behind a proxy that breaks one thing at
// a time. The kit must pass the unbroken server and fail each mutant, naming the check.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type RunningSandbox,
  randomCredential,
  runProcess,
  startSandboxProcess,
} from '@solapi/devkit'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ConformanceResult, runConformance } from '../../src/index.js'
import { type MutatingProxy, startMutatingProxy } from '../support/mutating-proxy.js'
import { mutants } from './mutants.js'

const credential = randomCredential()
let sandbox: RunningSandbox
let proxy: MutatingProxy

beforeAll(async () => {
  sandbox = await startSandboxProcess({ ...credential, env: { LOG_LEVEL: 'silent' } })
  proxy = await startMutatingProxy(sandbox.url)
})

afterAll(async () => {
  await proxy?.close()
  await sandbox?.stop()
})

/** Few examples: each mutant breaks something that the first examples of its check meet. */
const run = () => runConformance({ url: proxy.url, ...credential, examples: 25, seed: 20_261_201 })

const failedIds = (result: ConformanceResult) =>
  result.checks.filter((c) => c.status === 'failed').map((c) => c.id)

/** Each failed check with what it found, so that a failure says why, not only which. */
const failures = (result: ConformanceResult) =>
  result.checks
    .filter((c) => c.status === 'failed')
    .map((c) => ({ id: c.id, messages: c.failure?.messages, exchange: c.failure?.exchange }))

describe('the kit against a sandbox behind a mutating proxy', () => {
  it('passes every check when the proxy changes nothing', async () => {
    proxy.use(undefined)
    const result = await run()
    expect(failures(result)).toEqual([])
    expect(result.passed).toBe(true)
    expect(result.checks.every((c) => c.status === 'passed')).toBe(true)
  })

  it.each(mutants(credential))(
    'fails $mutation.name, naming $caughtBy',
    async ({ mutation, caughtBy, alsoBreaks }) => {
      proxy.use(mutation)
      const result = await run()
      expect(result.passed).toBe(false)
      expect(failedIds(result)).toContain(caughtBy)
      // No check is blamed for what another check's requests met.
      const allowed = [caughtBy, ...alsoBreaks]
      expect(failedIds(result).filter((id) => !allowed.includes(id))).toEqual([])
      const failure = result.checks.find((c) => c.id === caughtBy)?.failure
      expect(failure?.messages.length).toBeGreaterThan(0)
      // The answer that shows it, and how to replay it.
      expect(failure?.exchange).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/credentials\//)
      expect(failure?.seed).toBe(20_261_201)
      // Secrets never reach the result, even when the server echoes one.
      expect(JSON.stringify(result)).not.toContain(credential.apiSecret)
    },
  )
})

describe('the command against a mutant', () => {
  it('exits 1 and shows the shrunk counterexample, masked, and how to replay it', async () => {
    const [mutant] = mutants(credential).filter((m) => m.caughtBy === 'invalid.malformed-json')
    proxy.use(mutant?.mutation)
    const dir = mkdtempSync(join(tmpdir(), 'kit-report-'))
    try {
      const bin = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url))
      const result = await runProcess(
        process.execPath,
        [
          bin,
          '--examples',
          '10',
          '--seed',
          '7',
          '--only',
          'invalid',
          '--report',
          'junit=junit.xml',
          // The test is about the report, not the server's speed: a loaded CI machine may take
          // longer than the default to answer one request.
          '--timeout',
          '30000',
        ],
        {
          cwd: dir,
          env: {
            SOLAPI_BASE_URL: proxy.url,
            SOLAPI_API_KEY: credential.apiKey,
            SOLAPI_API_SECRET: credential.apiSecret,
          },
        },
      )
      expect(result.stdout).toMatch(/^invalid\.malformed-json +\d+ +FAIL$/m)
      expect(result.stdout).toContain('✗ invalid.malformed-json: ')
      expect(result.stdout).toMatch(/^ {2}a (not-json|not-utf8|empty-body) body got 500, not 400$/m)
      expect(result.stdout).toMatch(
        /^ {2}counterexample( \(shrunk \d+ times?\))?: \{"operationId":/m,
      )
      expect(result.stdout).toContain('authorization: HMAC-')
      expect(result.stdout).toContain('signature=[redacted]')
      expect(result.stdout).toContain(
        'replay: solapi-credentials-conformance --seed 7 --only invalid.malformed-json',
      )
      expect(result.stdout).not.toContain(credential.apiSecret)
      expect(result.code).toBe(1)
      const junit = new XMLParser({ ignoreAttributes: false }).parse(
        readFileSync(join(dir, 'junit.xml'), 'utf8'),
      )
      const cases = [junit.testsuites.testsuite.testcase].flat()
      const failed = cases.filter((c: { failure?: unknown }) => c.failure)
      expect(
        failed.map((c: { '@_name': string }) => c['@_name']),
        result.stdout,
      ).toEqual(['invalid.malformed-json'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
