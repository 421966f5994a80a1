import type { Pool, PoolClient } from 'pg'

/**
 * A connection of the pool for several statements in a row. The server may close it between two
 * of them (a restart, an outage): pg then emits 'error' on the connection, which would crash the
 * process unheard, so it is heard here, and the connection is closed rather than given back (the
 * pool also never takes back one that can no longer be queried).
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
