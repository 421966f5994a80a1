import type { SqlDriver } from './sql-driver.js'

/**
 * Versioned schema changes, applied in order inside one transaction each. The applied version is
 * SQLite's `user_version`. Never edit a shipped migration: add the next one.
 */
export const MIGRATIONS: readonly { version: number; description: string; sql: string }[] = [
  {
    version: 1,
    description: 'credentials table',
    sql: `
      CREATE TABLE credentials (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        api_key TEXT NOT NULL UNIQUE CHECK (length(api_key) = 16),
        secret_box BLOB NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
        date_created TEXT NOT NULL
      ) STRICT;
      CREATE INDEX credentials_status ON credentials (status);
    `,
  },
  {
    version: 2,
    description: 'settings (master-key check value)',
    sql: `
      CREATE TABLE settings (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    // Read by sandboxes that cached decrypted secrets by version; no longer read or written,
    // and kept so that databases at version 3 open and the versions stay in order.
    description: 'secret version (no longer used)',
    sql: `
      ALTER TABLE credentials ADD COLUMN secret_version INTEGER NOT NULL DEFAULT 1;
    `,
  },
]

export function currentVersion(db: SqlDriver): number {
  return Number(db.prepare('PRAGMA user_version').get()?.user_version ?? 0)
}

/** Applies every migration newer than the database; refuses a database newer than the code. */
export function migrate(db: SqlDriver): number {
  const latest = MIGRATIONS.at(-1)?.version ?? 0
  const from = currentVersion(db)
  if (from > latest) {
    throw new Error(
      `The database is at schema version ${from}, newer than this sandbox (${latest}). Use a newer sandbox or another DATABASE.`,
    )
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= from) continue
    db.exec('BEGIN IMMEDIATE')
    try {
      db.exec(migration.sql)
      db.exec(`PRAGMA user_version = ${migration.version}`)
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
  }
  return latest
}
