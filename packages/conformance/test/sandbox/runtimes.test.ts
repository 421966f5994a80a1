// The kit against the real sandbox on each runtime it ships for, with the default options (100
// examples per property): every check passes. This is the server side of the contract suite.
import { type RunningSandbox, startSandboxProcess } from '@solapi/devkit'
import { afterEach, describe, expect, it } from 'vitest'
import { checks, runConformance } from '../../src/index.js'

let sandbox: RunningSandbox | undefined
afterEach(async () => {
  await sandbox?.stop()
  sandbox = undefined
})

describe.each(['node', 'bun', 'deno'] as const)('the sandbox on %s', (runtime) => {
  it('passes every check of a default run, and deletes every credential it created', async () => {
    sandbox = await startSandboxProcess({ runtime, env: { LOG_LEVEL: 'silent' } })
    const { url, apiKey, apiSecret } = sandbox
    const result = await runConformance({ url, apiKey, apiSecret })
    const failed = result.checks.filter((c) => c.status !== 'passed')
    expect(failed.map((c) => [c.id, c.status, c.failure?.messages])).toEqual([])
    expect(result.passed).toBe(true)
    expect(result.writes).toBe(true)
    expect(result.examples).toBe(100)
    expect(result.checks.map((c) => c.id)).toEqual(checks.map((c) => c.id))
    // Every driver ran its examples; every observer judged every answer the drivers got.
    const drivers = result.checks.filter((c) => !['response', 'leak'].includes(c.group))
    for (const check of drivers) expect(check.requests, check.id).toBeGreaterThanOrEqual(100)
    const answers = drivers.reduce((sum, c) => sum + c.requests, 0)
    for (const check of result.checks.filter((c) => c.group === 'response')) {
      expect(check.requests, check.id).toBe(answers)
    }
    expect(result.requestsPerSecond).toBeGreaterThan(0)
    expect(result.cleanup).toEqual({ created: expect.any(Number), left: [] })
    expect(result.cleanup.created).toBeGreaterThan(0)
  })
})
