import { describe, expect, it } from 'vitest'
import { LATEST_VERSION, MIGRATIONS } from '../../src/storage/migrations.js'
import { openBetterSqlite3 } from '../../src/storage/sqlite/better-sqlite3-driver.js'
import { currentVersion } from '../../src/storage/sqlite/migrations.js'
import { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js'

describe('versioned migrations', () => {
  it('creates the whole schema in a new database, at the latest version', async () => {
    const db = openBetterSqlite3(':memory:')
    const store = new SqliteStorage(db, ':memory:')
    expect(store.migrated).toEqual(MIGRATIONS.map((m) => m.version))
    expect(currentVersion(db)).toBe(LATEST_VERSION)
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((row) => row.name)
    expect(tables).toEqual(['accounts', 'credentials', 'settings'])
    await store.close()
  })

  it('applies nothing to a database already at the latest version', async () => {
    const db = openBetterSqlite3(':memory:')
    new SqliteStorage(db, ':memory:')
    expect(new SqliteStorage(db, ':memory:').migrated).toEqual([])
    db.close()
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
