import { describe, expect, it } from 'vitest'
import { openBetterSqlite3 } from '../../src/storage/better-sqlite3-driver.js'
import { type CredentialRow, CredentialStore } from '../../src/storage/credential-store.js'
import { currentVersion, MIGRATIONS } from '../../src/storage/migrations.js'

/** A row with its secretBox as plain numbers (better-sqlite3 gives a Buffer, others not). */
const plain = (row: CredentialRow | undefined) => row && { ...row, secretBox: [...row.secretBox] }

describe('versioned migrations', () => {
  it('upgrades a database made by an older sandbox and keeps its rows', () => {
    const db = openBetterSqlite3(':memory:')
    // What version 2 of the sandbox left behind.
    for (const migration of MIGRATIONS.filter((m) => m.version <= 2)) db.exec(migration.sql)
    db.exec('PRAGMA user_version = 2')
    db.prepare(
      'INSERT INTO credentials (api_key, secret_box, status, date_created) VALUES (?, ?, ?, ?)',
    ).run('NCSOLDVERSION001', new Uint8Array([1, 2, 3]), 'inactive', '2020-01-01T00:00:00.000Z')

    const store = new CredentialStore(db, ':memory:')
    expect(currentVersion(db)).toBe(MIGRATIONS.at(-1)?.version)
    expect(plain(store.get('NCSOLDVERSION001'))).toEqual({
      apiKey: 'NCSOLDVERSION001',
      secretBox: [1, 2, 3],
      status: 'inactive',
      dateCreated: '2020-01-01T00:00:00.000Z',
    })
    expect(store.updateSecret('NCSOLDVERSION001', new Uint8Array([4]))).toBe(true)
    expect(plain(store.get('NCSOLDVERSION001'))?.secretBox).toEqual([4])
    store.close()
  })

  it('opens a database made by a sandbox that used secret_version (migration 3)', () => {
    const db = openBetterSqlite3(':memory:')
    for (const migration of MIGRATIONS) db.exec(migration.sql)
    db.exec(`PRAGMA user_version = ${MIGRATIONS.at(-1)?.version}`)
    db.prepare(
      'INSERT INTO credentials (api_key, secret_box, status, date_created, secret_version) VALUES (?, ?, ?, ?, ?)',
    ).run('NCSVERSIONED0001', new Uint8Array([5]), 'active', '2026-01-01T00:00:00.000Z', 7)

    const store = new CredentialStore(db, ':memory:')
    expect(store.list().map(plain)).toEqual([
      {
        apiKey: 'NCSVERSIONED0001',
        secretBox: [5],
        status: 'active',
        dateCreated: '2026-01-01T00:00:00.000Z',
      },
    ])
    // New rows still satisfy the column's NOT NULL through its default.
    const row = { secretBox: new Uint8Array([6]), status: 'active' as const, dateCreated: 'x' }
    expect(store.insert({ apiKey: 'NCSVERSIONED0002', ...row })).toBe(true)
    store.close()
  })

  it('numbers migrations 1, 2, 3, ... with no gap', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })

  it('refuses a database newer than the code instead of misreading it', () => {
    const db = openBetterSqlite3(':memory:')
    db.exec('PRAGMA user_version = 99')
    expect(() => new CredentialStore(db, ':memory:')).toThrow(/schema version 99, newer than/)
    db.close()
  })

  it('leaves a failed migration rolled back', () => {
    const db = openBetterSqlite3(':memory:')
    db.exec('CREATE TABLE credentials (x)') // a clash: migration 1 cannot create its table
    expect(() => new CredentialStore(db, ':memory:')).toThrow()
    expect(currentVersion(db)).toBe(0)
    db.close()
  })
})
