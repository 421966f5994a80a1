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
  {
    version: 4,
    // Every credential belongs to an account; those of a single-account database go to the
    // first. SQLite cannot add a NOT NULL foreign key column, so the table is rebuilt (dropping
    // secret_version on the way) with its ids, and so its order, kept.
    description: 'accounts',
    sql: `
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY
      ) STRICT;
      INSERT INTO accounts (id) SELECT 1 WHERE EXISTS (SELECT 1 FROM credentials);
      CREATE TABLE credentials_of_accounts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        api_key TEXT NOT NULL UNIQUE CHECK (length(api_key) = 16),
        secret_box BLOB NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
        date_created TEXT NOT NULL
      ) STRICT;
      INSERT INTO credentials_of_accounts (id, account_id, api_key, secret_box, status, date_created)
        SELECT id, 1, api_key, secret_box, status, date_created FROM credentials ORDER BY id;
      DROP TABLE credentials;
      ALTER TABLE credentials_of_accounts RENAME TO credentials;
      CREATE INDEX credentials_account_status ON credentials (account_id, status);
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
