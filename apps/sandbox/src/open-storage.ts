import type { Stores } from './domain/storage.js'
import { isPostgresUrl } from './storage/location.js'
import type { ReplayOptions } from './storage/replay-ledger.js'
import { openSqliteStorage } from './storage/sqlite/open-sqlite-storage.js'

/**
 * The store a `database` setting names: PostgreSQL for a `postgres://` or `postgresql://` URL,
 * else SQLite (a file, or `:memory:`). pg is loaded only for PostgreSQL, and no SQLite
 * library is loaded for it.
 */
export async function openStorage(
  database: string,
  options: ReplayOptions = {},
): Promise<{ storage: Stores; migrated: number[] }> {
  const storage = isPostgresUrl(database)
    ? await (await import('./storage/postgres/open-postgres-storage.js')).openPostgresStorage(
        database,
      )
    : await openSqliteStorage(database, options)
  return { storage, migrated: storage.migrated }
}
