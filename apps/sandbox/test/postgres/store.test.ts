// What a PostgreSQL database keeps across starts, what a start refuses, what /healthz calls
// ready, and the replay ledger table (the counterparts of the SQLite file's own tests).
import { createCredentialsClient } from '@solapi/credentials-client'
import { afterAll, describe, expect, it } from 'vitest'
import type { Stores } from '../../src/domain/storage.js'
import { startSandbox } from '../../src/index.js'
import { openStorage } from '../../src/open-storage.js'
import { LATEST_VERSION, MIGRATIONS } from '../../src/storage/migrations.js'
import { newPostgresDatabase, TEST_MASTER_KEY } from '../support/backend.js'
import { query } from '../support/sql.js'

const OTHER_KEY = 'cd'.repeat(32)
const opened: Stores[] = []
afterAll(() => Promise.all(opened.map((store) => store.close())))

async function openStore(database: string): Promise<Stores> {
  const { storage } = await openStorage(database)
  opened.push(storage)
  return storage
}

describe('startSandbox on a PostgreSQL database', () => {
  it('keeps its data across starts, and a reset brings the same bootstrap back', async () => {
    const database = await newPostgresDatabase()
    const first = await startSandbox({ database, masterKey: TEST_MASTER_KEY })
    const created = await createCredentialsClient({
      ...first,
      baseUrl: first.url,
    }).createCredential()
    await first.close()
    const second = await startSandbox({ database, masterKey: TEST_MASTER_KEY })
    try {
      expect([second.apiKey, second.apiSecret]).toEqual([first.apiKey, first.apiSecret])
      const client = createCredentialsClient({ ...second, baseUrl: second.url })
      expect((await client.getCredentialInfo(created.apiKey)).apiSecret).toBe(created.apiSecret)
      await second.control.resetSandbox()
      expect(Object.keys((await client.getCredentialList()).credentials)).toEqual([second.apiKey])
    } finally {
      await second.close()
    }
    // Secrets are sealed at rest: the database holds no apiSecret in plain text.
    const rows = await query(
      database,
      "SELECT encode(secret_box, 'escape') AS box FROM credentials",
    )
    for (const { box } of rows) expect(box).not.toContain(first.apiSecret)
  })

  it('refuses a master key that cannot open the database, naming the database', async () => {
    const database = await newPostgresDatabase()
    await (await startSandbox({ database, masterKey: TEST_MASTER_KEY })).close()
    await expect(startSandbox({ database, masterKey: OTHER_KEY })).rejects.toThrow(
      `The master key does not open ${database}: use the masterKey it was created with.`,
    )
  })

  it('refuses a database newer than the code instead of misreading it', async () => {
    const database = await newPostgresDatabase()
    await (await openStorage(database)).storage.close()
    await query(database, "INSERT INTO schema_migrations (version, name) VALUES (99, 'future')")
    await expect(openStorage(database)).rejects.toThrow(
      /^cannot use PostgreSQL at 127\.0\.0\.1:\d+: The database is at schema version 99, newer than this sandbox/,
    )
  })

  it('is ready for /healthz only while the database holds the schema the code expects', async () => {
    const database = await newPostgresDatabase()
    const sandbox = await startSandbox({ database, masterKey: TEST_MASTER_KEY })
    const health = async () => {
      const response = await fetch(`${sandbox.url}/healthz`)
      return [response.status, await response.json()]
    }
    try {
      expect(await health()).toEqual([
        200,
        { status: 'ready', database: 'postgresql', schemaVersion: LATEST_VERSION },
      ])
      await query(database, 'DELETE FROM schema_migrations WHERE version = $1', [LATEST_VERSION])
      expect(await health()).toEqual([
        503,
        {
          errorCode: 'NotReady',
          errorMessage: `The database is at schema version ${LATEST_VERSION - 1}; this sandbox needs ${LATEST_VERSION}.`,
        },
      ])
      const last = MIGRATIONS.at(-1)
      await query(database, 'INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        last?.version,
        last?.name,
      ])
      expect((await health())[0]).toBe(200)
    } finally {
      await sandbox.close()
    }
  })
})

describe('the replay ledger table', () => {
  // Sandbox time in the past of the real time: a sweep deletes only rows expired by both.
  const NOW = Date.parse('2020-03-01T12:00:00.000Z')
  const WINDOW = 900_000
  const KEY = 'NCSLEDGERTEST001'

  it('accepts a signature once per API key, until it expires', async () => {
    const store = await openStore(await newPostgresDatabase())
    expect(await store.replayLedger.recordSignature(1, KEY, 'a1', NOW + WINDOW, NOW)).toBe('fresh')
    expect(await store.replayLedger.recordSignature(1, KEY, 'a1', NOW + WINDOW, NOW + 1)).toBe(
      'duplicate',
    )
    // The key is part of what must be unique: another key's equal signature is its own.
    expect(
      await store.replayLedger.recordSignature(1, 'NCSLEDGERTEST002', 'a1', NOW + WINDOW, NOW),
    ).toBe('fresh')
    expect(
      await store.replayLedger.recordSignature(1, KEY, 'a1', NOW + WINDOW, NOW + WINDOW - 1),
    ).toBe('duplicate')
    // Expired (and not swept yet): recorded afresh, as the in-memory ledger does.
    expect(
      await store.replayLedger.recordSignature(1, KEY, 'a1', NOW + 2 * WINDOW, NOW + WINDOW),
    ).toBe('fresh')
    expect(
      await store.replayLedger.recordSignature(1, KEY, 'a1', NOW + 2 * WINDOW, NOW + WINDOW + 1),
    ).toBe('duplicate')
  })

  it('records one of 50 concurrent attempts from two instances, and sweeps expired rows', async () => {
    const database = await newPostgresDatabase()
    const [one, two] = [await openStore(database), await openStore(database)]
    const verdicts = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? one : two).replayLedger.recordSignature(1, KEY, 'b1', NOW + WINDOW, NOW),
      ),
    )
    expect(verdicts.filter((v) => v === 'fresh')).toHaveLength(1)
    expect(verdicts.filter((v) => v === 'duplicate')).toHaveLength(49)

    // A minute of sandbox time later, a record sweeps whatever expired by then.
    for (let i = 0; i < 5; i++)
      await one.replayLedger.recordSignature(1, KEY, `old${i}`, NOW + 1000, NOW)
    const count = async () =>
      Number((await query(database, 'SELECT count(*) AS n FROM replay_ledger'))[0]?.n)
    expect(await count()).toBe(6)
    await one.replayLedger.recordSignature(1, KEY, 'late', NOW + 70_000 + WINDOW, NOW + 70_000)
    // The sweep runs beside the request: wait for it.
    const deadline = Date.now() + 5000
    while ((await count()) !== 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const left = await query(database, 'SELECT signature FROM replay_ledger ORDER BY signature')
    expect(left.map((row) => row.signature)).toEqual(['b1', 'late'])
  })
})
