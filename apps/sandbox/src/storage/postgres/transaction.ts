import type { Pool, PoolClient, QueryConfig } from 'pg'
import { unavailableReason } from './unavailable.js'

/**
 * A connection of the pool for several statements in a row. The server may close it between two
 * of them (a restart, an outage): pg then emits 'error' on the connection, which would crash the
 * process unheard, so it is heard here, and the connection is closed rather than given back (the
 * pool also never takes back one that can no longer be queried). Nor is one given back after a
 * statement on it timed out.
 */
export async function withConnection<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  const onError = (error: Error) => {
    broken = error
  }
  client.on('error', onError)
  try {
    return await work(client)
  } catch (error) {
    // A statement that timed out may still be running on the connection: never give it back.
    if (unavailableReason(error)) broken ??= error as Error
    throw error
  } finally {
    client.off('error', onError)
    client.release(broken)
  }
}

/**
 * Runs `work` in one transaction on a connection of its own: committed when it resolves, rolled
 * back when it throws (if the connection is gone, the server has rolled it back already).
 */
export function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return withConnection(pool, async (client) => {
    await client.query('BEGIN')
    try {
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    }
  })
}

/** How long a start-up statement may wait (for other instances' start-up, a migration). */
const START_UP_TIMEOUT_MS = 120_000

/**
 * A start-up statement (a lock that waits for other instances' start, a migration), which the
 * request timeouts must not cut short.
 */
export function startUpStep(text: string, values: unknown[] = []): QueryConfig {
  return { text, values, query_timeout: START_UP_TIMEOUT_MS } as QueryConfig
}
