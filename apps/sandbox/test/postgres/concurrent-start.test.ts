// Two instances started at the same moment on an empty PostgreSQL database: the schema is
// migrated once (an advisory lock in the migration's transaction), and one bootstrap credential
// is made, not two (a lock around the start-up steps).
import { stopAllProcesses } from '@solapi/devkit'
import { afterAll, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../src/storage/migrations.js'
import { newPostgresDatabase } from '../support/backend.js'
import { startEntry } from '../support/sandbox-process.js'
import { query } from '../support/sql.js'

afterAll(stopAllProcesses)

/** The JSON log lines of a bin's stdout with this event. */
const events = (stdout: string, event: string) =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
    .filter((entry) => entry.event === event)

describe('two instances that start at once on an empty database', () => {
  it.each([1, 2, 3])('migrate it once and bootstrap it once (round %i)', async () => {
    const database = await newPostgresDatabase()
    // No bootstrap credential given: each would make up its own if both saw an empty database.
    const both = await Promise.all([startEntry({ database }), startEntry({ database })])

    const migrated = both.map((bin) => events(bin.process.stdout(), 'migrated'))
    expect(migrated.map((found) => found.length).sort()).toEqual([0, 1])
    expect(migrated.flat()[0]?.versions).toEqual(MIGRATIONS.map((m) => m.version))
    const created = both.filter((bin) =>
      bin.process.stderr().includes('Bootstrap credential created'),
    )
    expect(created).toHaveLength(1)
    for (const bin of both) expect(bin.process.stderr()).toMatch(/^Sandbox listening on /m)

    const versions = await query(
      database,
      'SELECT version, name FROM schema_migrations ORDER BY version',
    )
    expect(versions.map((row) => [row.version, row.name])).toEqual(
      MIGRATIONS.map((m) => [m.version, m.name]),
    )
    const counts = await query(
      database,
      `SELECT (SELECT count(*) FROM accounts) AS accounts,
        (SELECT count(*) FROM credentials) AS credentials,
        (SELECT count(*) FROM settings) AS settings`,
    )
    // One account with one key; the master-key check value and the sealed bootstrap.
    expect(counts).toEqual([{ accounts: '1', credentials: '1', settings: '2' }])
    await Promise.all(both.map((bin) => bin.stop()))
  })
})
