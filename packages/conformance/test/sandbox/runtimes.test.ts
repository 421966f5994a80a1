// The kit against the real sandbox on each runtime it ships for, with the default options (100
// examples per property): every check passes. This is the server side of the contract suite. The
// sandbox runs on its embedded SQLite on each runtime, and on PostgreSQL (a throwaway cluster).
import {
  createDatabase,
  type RunningPostgres,
  type RunningSandbox,
  startPostgres,
  startSandboxProcess,
} from '@solapi/devkit'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { checks, runConformance } from '../../src/index.js'

let sandbox: RunningSandbox | undefined
let postgres: RunningPostgres | undefined
afterEach(async () => {
  await sandbox?.stop()
  sandbox = undefined
})
afterAll(() => postgres?.stop())

/** Where the sandbox keeps its data: its default (SQLite in memory), or a new PostgreSQL database. */
async function store(kind: 'sqlite' | 'postgresql'): Promise<Record<string, string>> {
  if (kind === 'sqlite') return {}
  postgres ??= await startPostgres()
  return { DATABASE: await createDatabase(postgres.url), SANDBOX_MASTER_KEY: 'ab'.repeat(32) }
}

describe.each([
  ['node', 'sqlite'],
  ['bun', 'sqlite'],
  ['deno', 'sqlite'],
  ['node', 'postgresql'],
] as const)('the sandbox on %s with %s', (runtime, kind) => {
  it('passes every check of a default run, and deletes every credential it created', async () => {
    sandbox = await startSandboxProcess({
      runtime,
      env: { LOG_LEVEL: 'silent', ...(await store(kind)) },
    })
    expect(sandbox.process.stderr()).toContain(
      kind === 'sqlite' ? ':memory:)' : ', pg, postgres://',
    )
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
