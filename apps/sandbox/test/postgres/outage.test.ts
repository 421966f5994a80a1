// The database away: at start (one line naming the server, exit 1), and while serving (503 in
// the spec's error shape, nothing half-written, and service again once it is back, with no
// restart). This file pauses PostgreSQL, so it runs on a cluster of its own.
import { credentialsContract } from '@solapi/credentials-spec'
import {
  createDatabase,
  freePort,
  type RunningPostgres,
  type RunningSandbox,
  startPostgres,
  stopAllProcesses,
} from '@solapi/devkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox } from '../../src/index.js'
import { TEST_MASTER_KEY } from '../support/backend.js'
import { controlResponseErrors } from '../support/control-spec.js'
import { runToExit, startEntry } from '../support/sandbox-process.js'
import { post, signedPost, TEST_CREDENTIAL } from '../support/signing.js'
import { responseSchemaErrors } from '../support/spec-responses.js'
import { connectTo } from '../support/sql.js'

const CONTROL_TOKEN = 'control-token-for-the-outage-tests'
const PASSWORD = 'hunter2-not-to-be-printed'

let cluster: RunningPostgres
beforeAll(async () => {
  cluster = await startPostgres()
})
afterAll(async () => {
  await stopAllProcesses()
  await cluster?.stop()
})

/** A bin on a new database of this file's cluster. */
async function serve(): Promise<{ server: RunningSandbox; database: string }> {
  const database = await createDatabase(cluster.url)
  const server = await startEntry({
    database,
    credential: TEST_CREDENTIAL,
    controlToken: CONTROL_TOKEN,
  })
  return { server, database }
}

/** A control API request as any HTTP tool sends it. */
async function controlRequest(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}/_sandbox${path}`, {
    method,
    headers: {
      authorization: `Bearer ${CONTROL_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} }
}

async function waitUntilReady(url: string) {
  const deadline = Date.now() + 20_000
  for (;;) {
    const response = await fetch(`${url}/healthz`)
    if (response.status === 200) return
    if (Date.now() > deadline) throw new Error(`not ready again: ${response.status}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('a database that cannot be reached at start', () => {
  it('stops the bin with one line naming the server, never its password', async () => {
    const port = await freePort()
    const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/sandbox`
    const result = await runToExit({
      database: '',
      env: { DATABASE_URL: url, SANDBOX_MASTER_KEY: TEST_MASTER_KEY },
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      `sandbox: cannot reach PostgreSQL at 127.0.0.1:${port} (ECONNREFUSED): is it running there?\n`,
    )
    expect(result.stdout).toBe('')
    await expect(startSandbox({ database: url, masterKey: TEST_MASTER_KEY })).rejects.toThrow(
      new Error(
        `cannot reach PostgreSQL at 127.0.0.1:${port} (ECONNREFUSED): is it running there?`,
      ),
    )
  })

  it('names the server and what it said when it answers but refuses the database', async () => {
    const url = `${cluster.url.replace(/\/postgres$/, '/no_such_database')}`
    const result = await runToExit({ database: url, env: { SANDBOX_MASTER_KEY: TEST_MASTER_KEY } })
    expect([result.code, result.stderr]).toEqual([
      1,
      `sandbox: cannot use PostgreSQL at 127.0.0.1:${cluster.port}: database "no_such_database" does not exist\n`,
    ])
  })
})

describe('a database that goes away while the sandbox serves', () => {
  let server: RunningSandbox
  beforeAll(async () => {
    server = (await serve()).server
  })

  it('answers 503 in the spec shape, with Retry-After, then serves again once it is back', async () => {
    const created = await signedPost(
      server.url,
      '/credentials/createCredential',
      {},
      TEST_CREDENTIAL,
    )
    expect(created.status).toBe(200)
    const apiKey = String(created.body.apiKey)
    const bodies: Record<string, object> = {
      createCredential: {},
      getCredentialInfo: { apiKey },
      regenerateSecretKey: { apiKey },
      getCredentialList: {},
      updateCredentialStatus: { apiKey, credentialStatus: 'active' },
      deleteCredential: { apiKey },
    }

    await cluster.pause()
    for (const operation of credentialsContract.operations) {
      const answer = await signedPost(
        server.url,
        operation.path,
        bodies[operation.operationId],
        TEST_CREDENTIAL,
      )
      expect([operation.operationId, answer.status, answer.body.errorCode]).toEqual([
        operation.operationId,
        503,
        'ServiceUnavailable',
      ])
      expect(answer.headers.get('retry-after')).toBe('1')
      expect(responseSchemaErrors(operation.path, 503, answer.body)).toEqual([])
    }
    const controlCalls: [string, string, string, unknown?][] = [
      ['resetSandbox', 'POST', '/reset'],
      ['createAccount', 'POST', '/accounts', {}],
      ['getClock', 'GET', '/clock'],
      ['setClock', 'PUT', '/clock', { offsetMs: 1000 }],
      ['listFaults', 'GET', '/faults'],
      ['addFault', 'POST', '/faults', { times: 1, status: 500 }],
      ['listRequests', 'GET', '/requests'],
    ]
    for (const [operationId, method, path, body] of controlCalls) {
      const answer = await controlRequest(server.url, method, path, body)
      expect([operationId, answer.status, answer.body.errorCode]).toEqual([
        operationId,
        503,
        'ServiceUnavailable',
      ])
      expect(answer.headers.get('retry-after')).toBe('1')
      expect(controlResponseErrors(operationId, 503, answer.body)).toEqual([])
    }
    const health = await fetch(`${server.url}/healthz`)
    expect([health.status, await health.json()]).toEqual([
      503,
      { errorCode: 'ServiceUnavailable', errorMessage: 'The database does not answer.' },
    ])
    // An unknown path needs no database: it is still a 404.
    expect((await post(server.url, '/credentials/nope', {}, {})).status).toBe(404)

    await cluster.resume()
    await waitUntilReady(server.url)
    const info = await signedPost(
      server.url,
      '/credentials/getCredentialInfo',
      { apiKey },
      TEST_CREDENTIAL,
    )
    expect([info.status, info.body.apiSecret]).toEqual([200, created.body.apiSecret])
    expect((await controlRequest(server.url, 'GET', '/clock')).status).toBe(200)

    // The log says which server went away and why, and never prints its password or a secret.
    const log = server.process.stdout()
    const unavailable = log
      .split('\n')
      .filter((line) => line.includes('"event":"unavailable"'))
      .map((line) => JSON.parse(line))
    expect(unavailable.length).toBeGreaterThanOrEqual(13)
    expect(unavailable[0]).toMatchObject({
      level: 'error',
      database: `127.0.0.1:${cluster.port}`,
      reason: expect.stringMatching(/^(ECONNREFUSED|57P01|connection lost)$/),
    })
    expect(log).not.toContain(String(created.body.apiSecret))
  })

  it('leaves nothing half-written when it goes away in the middle of writes, and never says 500', async () => {
    const { server: storm, database } = await serve()
    const statuses: Record<number, number> = {}
    const accounts = new Map<string, string>()
    const created = new Set<string>()
    const deleted = new Set<string>()
    const deactivated = new Set<string>()
    let running = true
    const note = (status: number) => {
      statuses[status] = (statuses[status] ?? 0) + 1
    }
    const call = (path: string, body: object) => signedPost(storm.url, path, body, TEST_CREDENTIAL)

    const worker = async (index: number) => {
      for (let i = 0; running; i++) {
        const kind = (index + i) % 4
        if (kind === 0) {
          // Two rows, an account and its key, in one transaction.
          const answer = await controlRequest(storm.url, 'POST', '/accounts', {})
          note(answer.status)
          if (answer.status === 201) accounts.set(answer.body.accountId, answer.body.apiKey)
        } else if (kind === 1) {
          const answer = await call('/credentials/createCredential', {})
          note(answer.status)
          if (answer.status === 200) created.add(String(answer.body.apiKey))
        } else {
          const candidates = [...created].filter((key) => !deleted.has(key))
          const apiKey = candidates[i % Math.max(candidates.length, 1)]
          if (apiKey === undefined) continue
          const answer =
            kind === 2
              ? await call('/credentials/updateCredentialStatus', {
                  apiKey,
                  credentialStatus: 'inactive',
                })
              : await call('/credentials/deleteCredential', { apiKey })
          note(answer.status)
          if (answer.status === 200) (kind === 2 ? deactivated : deleted).add(apiKey)
        }
        if (statuses[503]) await new Promise((resolve) => setTimeout(resolve, 5))
      }
    }
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    const workers = Promise.all([0, 1, 2, 3, 4, 5].map(worker))
    await sleep(400)
    await cluster.pause()
    await sleep(500)
    await cluster.resume()
    await waitUntilReady(storm.url)
    const before = created.size + accounts.size
    await sleep(400)
    running = false
    await workers

    expect(Object.keys(statuses).map(Number).sort()).toEqual(
      expect.arrayContaining([200, 201, 503]),
    )
    // 404: two workers went for the same key. Never a 500, whatever was cut off.
    for (const status of Object.keys(statuses).map(Number)) {
      expect([200, 201, 404, 503]).toContain(status)
    }
    expect(created.size + accounts.size).toBeGreaterThan(before)

    const sql = await connectTo(database)
    try {
      // Every account has a key, and an active one: no write was cut in two.
      const bare = await sql.query(`
        SELECT id FROM accounts a WHERE NOT EXISTS (
          SELECT 1 FROM credentials c WHERE c.account_id = a.id AND c.status = 'active'
        )
      `)
      expect(bare.rows).toEqual([])
      const { rows } = await sql.query('SELECT account_id, api_key, status FROM credentials')
      const byKey = new Map(rows.map((row) => [row.api_key, row]))
      for (const [accountId, apiKey] of accounts) {
        expect(Number(byKey.get(apiKey)?.account_id)).toBe(Number(accountId.slice(5)))
      }
      for (const apiKey of created) expect(byKey.has(apiKey)).toBe(!deleted.has(apiKey))
      for (const apiKey of deactivated) {
        if (!deleted.has(apiKey)) expect(byKey.get(apiKey)?.status).toBe('inactive')
      }
    } finally {
      await sql.end()
    }
  })
})
