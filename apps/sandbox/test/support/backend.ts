// Which store this test run puts its sandboxes on. The `sandbox` project runs on SQLite; the
// `sandbox-postgres` project runs the same files (but the SQLite-only ones, `*.sqlite.test.ts`)
// against a throwaway PostgreSQL cluster its global setup started, and its own files under
// test/postgres/. Each sandbox gets a new database, as each gets its own `:memory:` on SQLite, so
// tests stay as independent of each other as they are there.
import { createDatabase } from '@solapi/devkit'
import { inject } from 'vitest'
import { isPostgresUrl } from '../../src/storage/location.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster's server URL; absent in the SQLite project. */
    postgresUrl?: string
  }
}

/** A master key for test databases only (PostgreSQL needs one given; every instance shares it). */
export const TEST_MASTER_KEY = 'ab'.repeat(32)

export const postgresUrl: string | undefined = inject('postgresUrl')

export const backend: 'sqlite' | 'postgres' = postgresUrl === undefined ? 'sqlite' : 'postgres'

/** The driver the start line names on each runtime for this run's store. */
export const driverName = (sqliteDriver: string) => (backend === 'postgres' ? 'pg' : sqliteDriver)

/** A new, empty PostgreSQL database on this run's cluster. */
export function newPostgresDatabase(): Promise<string> {
  if (postgresUrl === undefined) throw new Error('no PostgreSQL cluster in this test project')
  return createDatabase(postgresUrl)
}

/**
 * Where a sandbox keeps its data in this run: `sqlite` (a file or `:memory:`) on SQLite, a new
 * database on PostgreSQL.
 */
export async function databaseFor(sqlite: string): Promise<string> {
  return backend === 'postgres' ? newPostgresDatabase() : sqlite
}

/**
 * Options that put a sandbox of its own on this run's store: none on SQLite (`:memory:`), a new
 * database and the test master key on PostgreSQL.
 */
export async function ownStore(): Promise<{ database?: string; masterKey?: string }> {
  if (backend === 'sqlite') return {}
  return { database: await newPostgresDatabase(), masterKey: TEST_MASTER_KEY }
}

/** The environment a bin needs for `database`: PostgreSQL takes the master key from it. */
export function envFor(database: string): Record<string, string> {
  return isPostgresUrl(database) ? { SANDBOX_MASTER_KEY: TEST_MASTER_KEY } : {}
}
