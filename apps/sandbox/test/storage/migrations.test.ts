import { describe, expect, it } from 'vitest'
import { openBetterSqlite3 } from '../../src/storage/better-sqlite3-driver.js'
import { CredentialStore } from '../../src/storage/credential-store.js'
import { currentVersion, MIGRATIONS } from '../../src/storage/migrations.js'

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
    expect(store.get('NCSOLDVERSION001')).toEqual({
      apiKey: 'NCSOLDVERSION001',
      secretBox: expect.any(Uint8Array),
      status: 'inactive',
      dateCreated: '2020-01-01T00:00:00.000Z',
      secretVersion: 1,
    })
    store.updateSecret('NCSOLDVERSION001', new Uint8Array([4]))
    expect(store.head('NCSOLDVERSION001')?.secretVersion).toBe(2)
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
