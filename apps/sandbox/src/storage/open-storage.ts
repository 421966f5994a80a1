import { isPostgresUrl } from './location.js'
import type { ReplayOptions } from './replay-ledger.js'
import { openSqliteStorage } from './sqlite/open-sqlite-storage.js'
import type { Storage } from '../domain/storage.js'

/**
 * The store a `database` setting names: PostgreSQL for a `postgres://` or `postgresql://` URL,
 * else SQLite (a file, or `:memory:`). pg is loaded only for PostgreSQL, and no SQLite
 * library is loaded for it.
 */
export async function openStorage(
  database: string,
  options: ReplayOptions = {},
): Promise<{ storage: Storage; migrated: number[] }> {
  const storage = isPostgresUrl(database)
    ? await (await import('./postgres/open-postgres-storage.js')).openPostgresStorage(database)
    : await openSqliteStorage(database, options)
  return { storage, migrated: storage.migrated }
}
