import type { Pool, PoolClient } from 'pg'
import { LATEST_VERSION, MIGRATIONS, newerThanCode } from '../migrations.js'
import { LOCK_SPACE, LOCKS } from './locks.js'
import { inTransaction, startUpStep } from './transaction.js'

/**
 * Applies every step the database lacks, in one transaction that first takes an advisory lock:
 * instances that start together wait for the first, then find nothing left to apply. Each
 * applied version is recorded in `schema_migrations` with its name; a database newer than the
 * code is refused. Resolves with the versions this start applied.
 */
export function migrate(pool: Pool): Promise<number[]> {
  return inTransaction(pool, async (client: PoolClient) => {
    // Instances that start together wait here for the first's migrations, however long.
    await client.query('SET LOCAL statement_timeout = 0')
    await client.query(
      startUpStep('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_SPACE, LOCKS.migrate]),
    )
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )
    `)
    const { rows } = await client.query('SELECT version FROM schema_migrations')
    const found = new Set(rows.map((row) => Number(row.version)))
    const from = Math.max(0, ...found)
    if (from > LATEST_VERSION) throw newerThanCode(from, 'another DATABASE_URL')
    const applied: number[] = []
    for (const migration of MIGRATIONS) {
      if (found.has(migration.version)) continue
      await client.query(startUpStep(migration.postgres))
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ])
      applied.push(migration.version)
    }
    return applied
  })
}

/** The schema version a database is at: 0 when it was never migrated. */
export async function schemaVersion(pool: Pool): Promise<number> {
  const table = await pool.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
  if (!table.rows[0]?.present) return 0
  const { rows } = await pool.query(
    'SELECT coalesce(max(version), 0) AS version FROM schema_migrations',
  )
  return Number(rows[0]?.version ?? 0)
}
