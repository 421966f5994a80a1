import pg from 'pg'
import { describePostgresUrl } from '../location.js'
import { migrate } from './migrate.js'
import { PostgresStorage } from './postgres-storage.js'
import { unavailableReason } from './unavailable.js'

/** Connections each sandbox instance keeps open at most. */
export const POOL_SIZE = 10
/**
 * How long a step waits for a connection: a new one's TCP and start-up, or a free one of a full
 * pool. A server that does not answer (down, hung, out of connections) costs a request this long
 * before its 503.
 */
export const ACQUIRE_TIMEOUT_MS = 2_000
/**
 * How long the server may run one statement before it cancels it itself (57014), the connection
 * staying usable: a lock waited on for too long, a slow plan.
 */
export const STATEMENT_TIMEOUT_MS = 2_500
/**
 * How long pg waits for a statement's answer before it gives up on the connection: what a hung
 * server (stopped, its host frozen) never sends. Above STATEMENT_TIMEOUT_MS, so that a server
 * that answers cancels first.
 */
export const QUERY_TIMEOUT_MS = 3_000

/**
 * The PostgreSQL store at `url`, migrated to the current schema under a lock. Throws one line
 * naming the server (never the password) when it cannot be reached or used.
 */
export async function openPostgresStorage(url: string): Promise<PostgresStorage> {
  const { location, where } = describePostgresUrl(url)
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: ACQUIRE_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
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
