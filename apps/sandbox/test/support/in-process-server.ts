import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from '../../src/app.js'
import { CredentialsService } from '../../src/credentials-service.js'
import { SecretBox } from '../../src/crypto/secret-box.js'
import { createLogger } from '../../src/logger.js'
import { openBetterSqlite3 } from '../../src/storage/better-sqlite3-driver.js'
import { CredentialStore } from '../../src/storage/credential-store.js'
import { TEST_CREDENTIAL } from './signing.js'

export interface InProcessServer {
  url: string
  store: CredentialStore
  logLines: string[]
  clock: { now: number | undefined }
  close(): Promise<void>
}

/**
 * The real app on a real HTTP listener (127.0.0.1, a free port), on an in-memory database
 * holding the documented test credential. `clock.now` pins the server clock when set.
 */
export async function startInProcessServer(
  options: { replayCapacity?: number; database?: string } = {},
): Promise<InProcessServer> {
  const database = options.database ?? ':memory:'
  const store = new CredentialStore(openBetterSqlite3(database), database)
  const box = await SecretBox.fromRawKey(new Uint8Array(randomBytes(32)))
  const clock: { now: number | undefined } = { now: undefined }
  const now = () => clock.now ?? Date.now()
  const credentials = new CredentialsService(store, box, now)
  await credentials.create(TEST_CREDENTIAL)
  const logLines: string[] = []
  const app = createApp({
    credentials,
    logger: createLogger('info', (line) => logLines.push(line)),
    now,
    ...(options.replayCapacity ? { replayCapacity: options.replayCapacity } : {}),
  })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    logLines,
    clock,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          store.close()
          resolve()
        })
        if ('closeAllConnections' in server) server.closeAllConnections()
      }),
  }
}
