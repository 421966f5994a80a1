import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../src/storage/migrations.js'
import { openBetterSqlite3 } from '../../src/storage/sqlite/better-sqlite3-driver.js'
import { currentVersion } from '../../src/storage/sqlite/migrations.js'
import { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js'
import type { CredentialRecord } from '../../src/storage/storage.js'

/** A row with its secretBox as plain numbers (better-sqlite3 gives a Buffer, others not). */
const plain = (row: CredentialRecord | undefined) =>
  row && { ...row, secretBox: [...row.secretBox] }

/** A database as the sandbox of schema version `version` left it. */
function databaseAt(version: number) {
  const db = openBetterSqlite3(':memory:')
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) db.exec(migration.sqlite)
  db.exec(`PRAGMA user_version = ${version}`)
  return db
}

describe('versioned migrations', () => {
  it('upgrades a database made by an older sandbox and keeps its rows, in the first account', async () => {
    const db = databaseAt(2)
    db.prepare(
      'INSERT INTO credentials (api_key, secret_box, status, date_created) VALUES (?, ?, ?, ?)',
    ).run('NCSOLDVERSION001', new Uint8Array([1, 2, 3]), 'inactive', '2020-01-01T00:00:00.000Z')

    const store = new SqliteStorage(db, ':memory:')
    expect(currentVersion(db)).toBe(MIGRATIONS.at(-1)?.version)
    expect(plain(await store.getCredential(1, 'NCSOLDVERSION001'))).toEqual({
      account: 1,
      apiKey: 'NCSOLDVERSION001',
      secretBox: [1, 2, 3],
      status: 'inactive',
      dateCreated: '2020-01-01T00:00:00.000Z',
    })
    expect(await store.updateSecret(1, 'NCSOLDVERSION001', new Uint8Array([4]))).toBe(true)
    expect(plain(await store.getCredential(1, 'NCSOLDVERSION001'))?.secretBox).toEqual([4])
    await store.close()
  })

  it('opens a database made by a sandbox that used secret_version (migration 3)', async () => {
    const db = databaseAt(3)
    db.prepare(
      'INSERT INTO credentials (api_key, secret_box, status, date_created, secret_version) VALUES (?, ?, ?, ?, ?)',
    ).run('NCSVERSIONED0001', new Uint8Array([5]), 'active', '2026-01-01T00:00:00.000Z', 7)

    const store = new SqliteStorage(db, ':memory:')
    expect((await store.listCredentials(1)).map(plain)).toEqual([
      {
        account: 1,
        apiKey: 'NCSVERSIONED0001',
        secretBox: [5],
        status: 'active',
        dateCreated: '2026-01-01T00:00:00.000Z',
      },
    ])
    // New rows go in after the old ones, in order, whatever the old columns were.
    const row = { secretBox: new Uint8Array([6]), status: 'active' as const, dateCreated: 'x' }
    expect(await store.insertCredential({ account: 1, apiKey: 'NCSVERSIONED0002', ...row })).toBe(
      'inserted',
    )
    expect((await store.listCredentials(1)).map((r) => r.apiKey)).toEqual([
      'NCSVERSIONED0001',
      'NCSVERSIONED0002',
    ])
    await store.close()
  })

  it('gives an empty older database no account: the bootstrap makes the first', async () => {
    const store = new SqliteStorage(databaseAt(3), ':memory:')
    const row = { secretBox: new Uint8Array([7]), status: 'active' as const, dateCreated: 'x' }
    expect(await store.insertCredential({ account: 1, apiKey: 'NCSNOACCOUNT0001', ...row })).toBe(
      'no-account',
    )
    expect(await store.createAccount({ apiKey: 'NCSFIRSTACCOUNT1', ...row })).toBe(1)
    await store.close()
  })

  it('numbers migrations 1, 2, 3, ... with no gap', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })

  it('refuses a database newer than the code instead of misreading it', () => {
    const db = openBetterSqlite3(':memory:')
    db.exec('PRAGMA user_version = 99')
    expect(() => new SqliteStorage(db, ':memory:')).toThrow(/schema version 99, newer than/)
    db.close()
  })

  it('leaves a failed migration rolled back', () => {
    const db = openBetterSqlite3(':memory:')
    db.exec('CREATE TABLE credentials (x)') // a clash: migration 1 cannot create its table
    expect(() => new SqliteStorage(db, ':memory:')).toThrow()
    expect(currentVersion(db)).toBe(0)
    db.close()
  })
})
