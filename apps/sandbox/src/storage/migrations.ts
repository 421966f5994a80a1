// The one versioned list of schema changes, shared by both stores: the same version numbers and
// names on SQLite and on PostgreSQL, each step with each dialect's SQL. Each store applies the
// steps its database lacks, in order, under its own lock (sqlite/migrate.ts, postgres/migrate.ts).
// Never edit a shipped step: add the next one.
import type { Readiness } from './storage.js'

export interface Migration {
  version: number
  name: string
  sqlite: string
  postgres: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'credentials table',
    sqlite: `
      CREATE TABLE credentials (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        api_key TEXT NOT NULL UNIQUE CHECK (length(api_key) = 16),
        secret_box BLOB NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
        date_created TEXT NOT NULL
      ) STRICT;
      CREATE INDEX credentials_status ON credentials (status);
    `,
    postgres: `
      CREATE TABLE credentials (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        api_key text NOT NULL UNIQUE CHECK (length(api_key) = 16),
        secret_box bytea NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'inactive')),
        date_created text NOT NULL
      );
      CREATE INDEX credentials_status ON credentials (status);
    `,
  },
  {
    version: 2,
    name: 'settings (master-key check value)',
    sqlite: `
      CREATE TABLE settings (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL
      ) STRICT;
    `,
    postgres: `
      CREATE TABLE settings (
        name text PRIMARY KEY,
        value bytea NOT NULL
      );
    `,
  },
  {
    version: 3,
    // Read by sandboxes that cached decrypted secrets by version; no longer read or written,
    // and kept so that databases at version 3 open and the versions stay in order.
    name: 'secret version (no longer used)',
    sqlite: `
      ALTER TABLE credentials ADD COLUMN secret_version INTEGER NOT NULL DEFAULT 1;
    `,
    postgres: `
      ALTER TABLE credentials ADD COLUMN secret_version integer NOT NULL DEFAULT 1;
    `,
  },
  {
    version: 4,
    // Every credential belongs to an account; those of a single-account database go to the
    // first. SQLite cannot add a NOT NULL foreign key column, so its table is rebuilt (dropping
    // secret_version on the way) with its ids, and so its order, kept; PostgreSQL alters it.
    name: 'accounts',
    sqlite: `
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
    postgres: `
      CREATE TABLE accounts (
        id bigint PRIMARY KEY
      );
      INSERT INTO accounts (id) SELECT 1 WHERE EXISTS (SELECT 1 FROM credentials);
      ALTER TABLE credentials ADD COLUMN account_id bigint REFERENCES accounts (id);
      UPDATE credentials SET account_id = 1;
      ALTER TABLE credentials ALTER COLUMN account_id SET NOT NULL;
      ALTER TABLE credentials DROP COLUMN secret_version;
      DROP INDEX credentials_status;
      CREATE INDEX credentials_account_status ON credentials (account_id, status);
    `,
  },
  {
    version: 5,
    // What instances behind a load balancer must share: a signature is accepted once across all
    // of them (the primary key), and the control API's clock and fault rules steer them all. A
    // SQLite file belongs to one process, which keeps these in its memory (see storage.ts), so
    // the step has nothing to do there; its version is still recorded, as for every step.
    name: 'replay ledger, shared clock and fault rules',
    sqlite: '',
    postgres: `
      CREATE TABLE replay_ledger (
        api_key text NOT NULL,
        signature text NOT NULL,
        expires_at_ms bigint NOT NULL,
        PRIMARY KEY (api_key, signature)
      );
      CREATE INDEX replay_ledger_expiry ON replay_ledger (expires_at_ms);
      CREATE TABLE control_clock (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        offset_ms bigint NOT NULL DEFAULT 0,
        frozen_at_ms bigint
      );
      INSERT INTO control_clock DEFAULT VALUES;
      CREATE TABLE control_faults (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        operation text,
        rule jsonb NOT NULL,
        remaining integer NOT NULL CHECK (remaining >= 0)
      );
    `,
  },
]

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0

/** Ready only when the database's schema is the one this code migrates to. */
export function readinessAt(schemaVersion: number): Readiness {
  return schemaVersion === LATEST_VERSION
    ? { ready: true, schemaVersion }
    : { ready: false, schemaVersion, expected: LATEST_VERSION }
}

/** The refusal of a database whose schema is newer than this code: it would be misread. */
export function newerThanCode(found: number, advice: string): Error {
  return new Error(
    `The database is at schema version ${found}, newer than this sandbox (${LATEST_VERSION}). Use a newer sandbox or ${advice}.`,
  )
}
