// A database that hangs rather than goes away: the server and its backends stopped (SIGSTOP), as
// when its host freezes. Connections stay open and nothing answers, so only timeouts can end a
// request. Requests get their 503 with Retry-After within 5 s and /healthz its 503 within 1 s;
// once the database is back (SIGCONT) the sandbox serves again and has lost nothing it
// acknowledged. This file hangs PostgreSQL, so it runs on a cluster of its own.
import { createDatabase, type RunningPostgres, startPostgres } from '@solapi/devkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/index.js'
import { TEST_MASTER_KEY } from '../support/backend.js'
import { signedPost, TEST_CREDENTIAL } from '../support/signing.js'
import { responseSchemaErrors } from '../support/spec-responses.js'
import { query } from '../support/sql.js'

/** What the issue asks of a hung database, with the sandbox's own timeouts well inside. */
const REQUEST_BOUND_MS = 5_000
const HEALTH_BOUND_MS = 1_000

const CREATE = '/credentials/createCredential'
const LIST = '/credentials/getCredentialList'

let cluster: RunningPostgres
let database: string
let sandbox: RunningSandbox
beforeAll(async () => {
  cluster = await startPostgres()
  database = await createDatabase(cluster.url)
  sandbox = await startSandbox({ database, masterKey: TEST_MASTER_KEY, ...TEST_CREDENTIAL })
})
afterAll(async () => {
  // Resumed first: a stopped server can neither close connections nor stop.
  cluster?.unhang()
  await sandbox?.close()
  await cluster?.stop()
})

/** A request's answer and how long it took. */
async function timed<T>(send: () => Promise<T>): Promise<{ answer: T; ms: number }> {
  const started = performance.now()
  const answer = await send()
  return { answer, ms: performance.now() - started }
}

async function health() {
  const response = await fetch(`${sandbox.url}/healthz`)
  return { status: response.status, body: await response.json() }
}

async function waitUntilReady() {
  const deadline = Date.now() + 20_000
  while ((await health()).status !== 200) {
    if (Date.now() > deadline) throw new Error('the sandbox did not become ready again')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function until(done: () => boolean) {
  const deadline = Date.now() + 20_000
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('a database that hangs while the sandbox serves', () => {
  it('answers 503 with Retry-After within 5 s, /healthz within 1 s, and loses nothing it acknowledged', async () => {
    // Writers that keep creating keys, before, during and after the hang.
    const acknowledged: string[] = []
    const statuses: Record<number, number> = {}
    let writing = true
    const writer = async () => {
      while (writing) {
        const answer = await signedPost(sandbox.url, CREATE, {}, TEST_CREDENTIAL)
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1
        if (answer.status === 200) acknowledged.push(String(answer.body.apiKey))
        else await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    const writers = Promise.all(Array.from({ length: 4 }, writer))
    try {
      await hangAndResume()
    } finally {
      writing = false
      await writers
    }
    expect(statuses[503]).toBeGreaterThan(0)
    expect(Object.keys(statuses).sort()).toEqual(['200', '503'])

    // Every key a client was told exists does, in the database and in a list.
    const rows = await query(database, 'SELECT api_key FROM credentials')
    const stored = new Set(rows.map((row) => row.api_key))
    expect(acknowledged.filter((apiKey) => !stored.has(apiKey))).toEqual([])
    const list = await signedPost(sandbox.url, LIST, {}, TEST_CREDENTIAL)
    expect(list.status).toBe(200)
    const listed = Object.keys(list.body.credentials as object)
    expect(acknowledged.filter((apiKey) => !listed.includes(apiKey))).toEqual([])

    async function hangAndResume() {
      await until(() => acknowledged.length >= 20)
      const beforeHang = acknowledged.length
      expect(statuses).toEqual({ 200: beforeHang })

      const stopped = cluster.hang()
      expect(stopped.length).toBeGreaterThan(1)
      try {
        // More requests at once than the pool has connections: some wait for a connection, the
        // others for an answer on one; each gets its 503 in time.
        const burst = await Promise.all(
          Array.from({ length: 25 }, (_, index) =>
            timed(() => signedPost(sandbox.url, index % 2 ? LIST : CREATE, {}, TEST_CREDENTIAL)),
          ),
        )
        const checked = await timed(health)
        for (const { answer, ms } of burst) {
          expect([answer.status, answer.body.errorCode]).toEqual([503, 'ServiceUnavailable'])
          expect(answer.headers.get('retry-after')).toMatch(/^\d+$/)
          expect(responseSchemaErrors(CREATE, 503, answer.body)).toEqual([])
          expect(ms).toBeLessThan(REQUEST_BOUND_MS)
        }
        // With every connection taken by the burst's stalled statements, /healthz still answers.
        const during = await Promise.all([
          timed(health),
          ...Array.from({ length: 10 }, () =>
            timed(() => signedPost(sandbox.url, LIST, {}, TEST_CREDENTIAL)),
          ),
        ])
        const [healthDuring, ...lists] = during
        for (const checkedHealth of [checked, healthDuring]) {
          expect(checkedHealth?.answer).toEqual({
            status: 503,
            body: {
              errorCode: 'ServiceUnavailable',
              errorMessage: 'The database does not answer.',
            },
          })
          expect(checkedHealth?.ms).toBeLessThan(HEALTH_BOUND_MS)
        }
        for (const { answer, ms } of lists) {
          expect(answer.status).toBe(503)
          expect(ms).toBeLessThan(REQUEST_BOUND_MS)
        }
        const slowest = Math.max(...burst.map((b) => b.ms), ...lists.map((l) => l.ms))
        process.stderr.write(
          `hung PostgreSQL: slowest 503 ${Math.round(slowest)} ms, /healthz ${Math.round(checked.ms)} ms and ${Math.round(healthDuring?.ms ?? 0)} ms\n`,
        )
      } finally {
        cluster.unhang()
      }

      await waitUntilReady()
      const afterHang = acknowledged.length
      await until(() => acknowledged.length >= afterHang + 20)
    }
  })
})
