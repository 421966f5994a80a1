// The kit's own test is a mutation test: a real sandbox behind a proxy that breaks one thing at
// a time. The kit must pass the unbroken server and fail each mutant, naming the check.
import { type RunningSandbox, randomCredential, startSandboxProcess } from '@solapi/devkit'
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

describe('the kit against a sandbox behind a mutating proxy', () => {
  it('passes every check when the proxy changes nothing', async () => {
    proxy.use(undefined)
    const result = await run()
    expect(failedIds(result)).toEqual([])
    expect(result.passed).toBe(true)
    expect(result.checks.every((c) => c.status === 'passed')).toBe(true)
  })

  it.each(mutants(credential))(
    'fails $mutation.name, naming $caughtBy',
    async ({ mutation, caughtBy }) => {
      proxy.use(mutation)
      const result = await run()
      expect(result.passed).toBe(false)
      expect(failedIds(result)).toContain(caughtBy)
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
