import postgres, { type Options } from 'postgres'
import { describePostgresUrl } from '../location.js'
import { type MigrationOutcome, migrate } from './migrate.js'
import { PostgresStorage } from './postgres-storage.js'
import { unavailableReason } from './unavailable.js'

/**
 * Pool settings the sandbox chooses, each unless the URL sets it (postgres.js reads `max`,
 * `connect_timeout`, `idle_timeout`, `max_lifetime`, `prepare`, `backoff`, `sslmode` and others
 * from the query string).
 */
const POOL_DEFAULTS = {
  /** Seconds to wait for a server that does not answer before a request gets its 503. */
  connect_timeout: 10,
  /**
   * Seconds before a lost connection is tried again, by consecutive failures: short, so that
   * requests during an outage get their 503 at once and the first after it is served at once.
   */
  backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
}

/**
 * The PostgreSQL store at `url`, migrated to the current schema under a lock. Throws one line
 * naming the server (never the password) when it cannot be reached or used.
 */
export async function openPostgresStorage(
  url: string,
): Promise<{ storage: PostgresStorage; migration: MigrationOutcome }> {
  const { location, where } = describePostgresUrl(url)
  const query = new URLSearchParams(url.split('?')[1] ?? '')
  const options: Options<Record<string, never>> = {
    // Notices (such as "already exists, skipping") would land in the JSON access log.
    onnotice: () => {},
    // The sandbox uses no array types; not looking them up saves a query per connection.
    fetch_types: false,
    connection: { application_name: 'solapi-credentials-sandbox' },
  }
  for (const [name, value] of Object.entries(POOL_DEFAULTS)) {
    if (!query.has(name)) Object.assign(options, { [name]: value })
  }
  const sql = postgres(url, options)
  try {
    const migration = await migrate(sql)
    return { storage: new PostgresStorage(sql, location, where), migration }
  } catch (error) {
    await sql.end({ timeout: 0 }).catch(() => {})
    throw new Error(startFailure(error, where))
  }
}

/** One line: why the database at `where` cannot be used. */
function startFailure(error: unknown, where: string): string {
  const reason = unavailableReason(error)
  const message = String((error as Error)?.message ?? error).split('\n', 1)[0]
  if (reason) return `cannot reach PostgreSQL at ${where} (${reason}): is it running there?`
  return `cannot use PostgreSQL at ${where}: ${message}`
}
