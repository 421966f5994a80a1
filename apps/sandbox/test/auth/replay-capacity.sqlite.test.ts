// SQLite's replay ledger is in memory, and bounded: what it does when full. (On PostgreSQL the
// ledger is a table, with no such bound: test/postgres/replay-ledger.test.ts.)
import { credentials } from '@solapi/credentials-spec'
import { describe, expect, it } from 'vitest'
import { startInProcessServer } from '../support/in-process-server.js'
import { clientHeader, post, TEST_CREDENTIAL } from '../support/signing.js'
import { responseSchemaErrors } from '../support/spec-responses.js'

const LIST = '/credentials/getCredentialList'
// The server clock is pinned so that the expiry is exact, not racing real time.
const SERVER_NOW = Date.parse('2026-03-01T12:00:00.000Z')
const iso = (offsetMs: number) => new Date(SERVER_NOW + offsetMs).toISOString()

describe('a full replay store', () => {
  it('refuses a new signature with 403 RequestTimeTooSkewed rather than forget one, until records expire', async () => {
    const small = await startInProcessServer({ replayCapacity: 8 })
    small.clock.now = SERVER_NOW
    const send = (authorization: string) => post(small.url, LIST, {}, { authorization })
    try {
      const accepted = Array.from({ length: 8 }, () =>
        clientHeader(TEST_CREDENTIAL, { date: iso(0) }),
      )
      for (const header of accepted) expect((await send(header)).status).toBe(200)
      const refused = await send(clientHeader(TEST_CREDENTIAL, { date: iso(0) }))
      expect([refused.status, refused.body.errorCode]).toEqual([403, 'RequestTimeTooSkewed'])
      expect(String(refused.body.errorMessage)).toContain('SANDBOX_REPLAY_CAPACITY')
      expect(responseSchemaErrors(LIST, 403, refused.body)).toEqual([])
      expect((await send(accepted[0] as string)).body.errorCode).toBe('DuplicatedSignature')
      // The first records expire at their date + the replay window: there is room again.
      const windowMs = credentials.signing.replayWindowSeconds * 1000
      small.clock.now = SERVER_NOW + windowMs
      expect((await send(clientHeader(TEST_CREDENTIAL, { date: iso(windowMs) }))).status).toBe(200)
    } finally {
      await small.close()
    }
  })
})
