import type { Sql } from 'postgres'
import { LATEST_VERSION, MIGRATIONS, newerThanCode } from '../migrations.js'
import { LOCK_SPACE, LOCKS } from './locks.js'

/** What a start did to the schema: the versions it found and the ones it applied. */
export interface MigrationOutcome {
  from: number
  to: number
  applied: number[]
}

/**
 * Applies every step the database lacks, in one transaction that first takes an advisory lock:
 * instances that start together wait for the first, then find nothing left to apply. Each
 * applied version is recorded in `schema_migrations` with its name; a database newer than the
 * code is refused.
 */
export async function migrate(sql: Sql): Promise<MigrationOutcome> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${LOCK_SPACE}, ${LOCKS.migrate})`
    await tx`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )
    `
    const rows = await tx`SELECT version FROM schema_migrations`
    const found = new Set(rows.map((row) => Number(row.version)))
    const from = Math.max(0, ...found)
    if (from > LATEST_VERSION) throw newerThanCode(from, 'another DATABASE_URL')
    const applied: number[] = []
    for (const migration of MIGRATIONS) {
      if (found.has(migration.version)) continue
      await tx.unsafe(migration.postgres)
      await tx`INSERT INTO schema_migrations (version, name) VALUES (${migration.version}, ${migration.name})`
      applied.push(migration.version)
    }
    return { from, to: LATEST_VERSION, applied }
  }) as Promise<MigrationOutcome>
}

/** The schema version a database is at: 0 when it was never migrated. */
export async function schemaVersion(sql: Sql): Promise<number> {
  const [table] = await sql`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`
  if (!table?.present) return 0
  const [row] = await sql`SELECT coalesce(max(version), 0) AS version FROM schema_migrations`
  return Number(row?.version ?? 0)
}
