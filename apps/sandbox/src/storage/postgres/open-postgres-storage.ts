import pg from 'pg'
import { describePostgresUrl } from '../location.js'
import { migrate } from './migrate.js'
import { PostgresStorage } from './postgres-storage.js'
import { unavailableReason } from './unavailable.js'

/** Connections each sandbox instance keeps open at most. */
export const POOL_SIZE = 10
/** How long a request waits for a server that does not answer before it gets its 503. */
const CONNECT_TIMEOUT_MS = 10_000

/**
 * The PostgreSQL store at `url`, migrated to the current schema under a lock. Throws one line
 * naming the server (never the password) when it cannot be reached or used.
 */
export async function openPostgresStorage(url: string): Promise<PostgresStorage> {
  const { location, where } = describePostgresUrl(url)
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    application_name: 'solapi-credentials-sandbox',
  })
  // An idle connection the server closes (a restart, a failover) is reported here; without a
  // listener it would crash the process. The pool drops it, and the next query opens another.
  pool.on('error', () => {})
  try {
    const migrated = await migrate(pool)
    return new PostgresStorage(pool, location, where, migrated)
  } catch (error) {
    await pool.end().catch(() => {})
    throw new Error(startFailure(error, where))
  }
}

/** One line: why the database at `where` cannot be used. */
function startFailure(error: unknown, where: string): string {
  const reason = unavailableReason(error)
  if (reason) return `cannot reach PostgreSQL at ${where} (${reason}): is it running there?`
  const message = String((error as Error)?.message ?? error).split('\n', 1)[0]
  return `cannot use PostgreSQL at ${where}: ${message}`
}
