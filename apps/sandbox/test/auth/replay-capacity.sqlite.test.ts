// SQLite's replay ledger is in memory, and bounded twice: a share per account and a whole for
// the process. What it does when either is full. (On PostgreSQL the ledger is a table, with no
// such bound: test/postgres/store.test.ts.)
import { credentialsContract } from '@solapi/credentials-spec'
import { afterEach, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/start-sandbox.js'
import { type Credential, clientHeader, post, TEST_CREDENTIAL } from '../support/signing.js'
import { responseSchemaErrors } from '../support/spec-responses.js'

const LIST = '/credentials/getCredentialList'
// The sandbox clock is frozen so that the expiry, and so Retry-After, is exact.
const SERVER_NOW = Date.parse('2026-03-01T12:00:00.000Z')
const WINDOW_MS = credentialsContract.signing.replayWindowSeconds * 1000
const iso = (offsetMs: number) => new Date(SERVER_NOW + offsetMs).toISOString()

let sandbox: RunningSandbox | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

async function start(options: { replayCapacity: number; replayCapacityPerAccount?: number }) {
  sandbox = await startSandbox({ ...TEST_CREDENTIAL, ...options })
  await sandbox.control.setClock({ frozenAt: iso(0) })
  return sandbox
}

const send = (running: RunningSandbox, signer: Credential, offsetMs = 0) =>
  post(running.url, LIST, {}, { authorization: clientHeader(signer, { date: iso(offsetMs) }) })

describe('a full replay ledger', () => {
  it("answers an account that fills its share 429 TooManyRequests with Retry-After, while another account's requests succeed", async () => {
    const running = await start({ replayCapacity: 64, replayCapacityPerAccount: 8 })
    const other = await running.control.createAccount()
    const accepted = Array.from({ length: 8 }, () =>
      clientHeader(TEST_CREDENTIAL, { date: iso(0) }),
    )
    for (const authorization of accepted) {
      expect((await post(running.url, LIST, {}, { authorization })).status).toBe(200)
    }
    // Ten seconds later, the oldest record still has the rest of the window to go.
    await running.control.setClock({ frozenAt: iso(10_000) })
    const refused = await send(running, TEST_CREDENTIAL, 10_000)
    expect([refused.status, refused.body.errorCode]).toEqual([429, 'TooManyRequests'])
    expect(refused.headers.get('retry-after')).toBe(String((WINDOW_MS - 10_000) / 1000))
    expect(String(refused.body.errorMessage)).toContain('SANDBOX_REPLAY_CAPACITY_PER_ACCOUNT')
    expect(String(refused.body.errorMessage)).toContain(`${(WINDOW_MS - 10_000) / 1000} seconds`)
    expect(responseSchemaErrors(LIST, 429, refused.body)).toEqual([])
    // Not a replay: the recorded signatures are still refused as such.
    const replayed = await post(running.url, LIST, {}, { authorization: accepted[0] as string })
    expect([replayed.status, replayed.body.errorCode]).toEqual([403, 'DuplicatedSignature'])

    // The other account's share is its own.
    for (let i = 0; i < 8; i++) expect((await send(running, other, 10_000)).status).toBe(200)

    // Once the first records expire (their date + the replay window), there is room again.
    await running.control.setClock({ frozenAt: iso(WINDOW_MS) })
    expect((await send(running, TEST_CREDENTIAL, WINDOW_MS)).status).toBe(200)
  })

  it('answers 429 naming SANDBOX_REPLAY_CAPACITY when all accounts together fill the whole, never 403 RequestTimeTooSkewed', async () => {
    const running = await start({ replayCapacity: 8, replayCapacityPerAccount: 4 })
    const other = await running.control.createAccount()
    const third = await running.control.createAccount()
    for (const signer of [TEST_CREDENTIAL, other]) {
      for (let i = 0; i < 4; i++) expect((await send(running, signer)).status).toBe(200)
    }
    const refused = await send(running, third)
    expect([refused.status, refused.body.errorCode]).toEqual([429, 'TooManyRequests'])
    expect(refused.headers.get('retry-after')).toBe(String(WINDOW_MS / 1000))
    expect(String(refused.body.errorMessage)).toContain('(SANDBOX_REPLAY_CAPACITY)')
    expect(responseSchemaErrors(LIST, 429, refused.body)).toEqual([])
  })
})
