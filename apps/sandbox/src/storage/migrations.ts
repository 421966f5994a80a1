// The one versioned list of schema changes, shared by both stores: the same version numbers and
// names on SQLite and on PostgreSQL, each step with each dialect's SQL. Each store applies the
// steps its database lacks, in order, under its own lock (sqlite/migrations.ts,
// postgres/migrate.ts). The first step is the schema as first released; never edit a released
// step: add the next one.
import { credentialsContract } from '@solapi/credentials-spec'
import type { Readiness } from '../domain/storage.js'

/**
 * The credentials table's CHECKs, from the spec module: the ApiKey schema's length and the
 * CredentialStatus enum. A database keeps the CHECKs it was created with, so a change to either in
 * the spec needs a migration step of its own as well.
 */
const { apiKey, credentialStatuses } = credentialsContract.limits
const API_KEY_LENGTH =
  apiKey.minLength === apiKey.maxLength
    ? `= ${apiKey.minLength}`
    : `BETWEEN ${apiKey.minLength} AND ${apiKey.maxLength}`
const STATUSES = credentialStatuses.map(sqlText).join(', ')

/** A value as an SQL string literal; the spec's enum values are plain words. */
function sqlText(value: string): string {
  if (!/^[A-Za-z_]+$/.test(value)) throw new Error(`spec: unexpected CredentialStatus ${value}`)
  return `'${value}'`
}

export interface Migration {
  version: number
  name: string
  sqlite: string
  postgres: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    // Every credential belongs to an account. What instances behind a load balancer must share
    // (the replay ledger, whose primary key accepts a signature once across all of them, and the
    // control API's clock and fault rules) has tables on PostgreSQL only: a SQLite file belongs
    // to one process, which keeps these in its memory (see storage.ts).
    name: 'baseline',
    sqlite: `
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY
      ) STRICT;
      CREATE TABLE credentials (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        api_key TEXT NOT NULL UNIQUE CHECK (length(api_key) ${API_KEY_LENGTH}),
        secret_box BLOB NOT NULL,
        status TEXT NOT NULL CHECK (status IN (${STATUSES})),
        date_created TEXT NOT NULL
      ) STRICT;
      CREATE INDEX credentials_account_status ON credentials (account_id, status);
      CREATE TABLE settings (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL
      ) STRICT;
    `,
    postgres: `
      CREATE TABLE accounts (
        id bigint PRIMARY KEY
      );
      CREATE TABLE credentials (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id bigint NOT NULL REFERENCES accounts (id),
        api_key text NOT NULL UNIQUE CHECK (length(api_key) ${API_KEY_LENGTH}),
        secret_box bytea NOT NULL,
        status text NOT NULL CHECK (status IN (${STATUSES})),
        date_created text NOT NULL
      );
      CREATE INDEX credentials_account_status ON credentials (account_id, status);
      CREATE TABLE settings (
        name text PRIMARY KEY,
        value bytea NOT NULL
      );
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
