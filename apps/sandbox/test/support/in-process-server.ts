import { listen } from '../../src/runtime/listener.js'
import { openSandbox } from '../../src/sandbox-core.js'
import { urlOf } from '../../src/start-sandbox.js'
import { openSqliteStorage } from '../../src/storage/sqlite/open-sqlite-storage.js'
import type { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js'
import { TEST_CREDENTIAL } from './signing.js'

export interface InProcessServer {
  url: string
  /** The store itself, so that tests can see that nothing was written. */
  store: SqliteStorage
  controlToken: string
  logLines: string[]
  /** Pins the real time under the sandbox clock when set (the control API moves it on top). */
  clock: { now: number | undefined }
  close(): Promise<void>
}

/**
 * The real sandbox on a real HTTP listener (127.0.0.1, a free port), on an in-memory database
 * whose bootstrap is the documented test credential, with its access log kept for assertions.
 */
export async function startInProcessServer(
  options: { replayCapacity?: number; database?: string } = {},
): Promise<InProcessServer> {
  const store = await openSqliteStorage(options.database ?? ':memory:', {
    ...(options.replayCapacity ? { replayCapacity: options.replayCapacity } : {}),
  })
  const clock: { now: number | undefined } = { now: undefined }
  const logLines: string[] = []
  const core = await openSandbox({
    storage: store,
    now: () => clock.now ?? Date.now(),
    ...TEST_CREDENTIAL,
    logLevel: 'info',
    log: (line) => logLines.push(line),
  })
  await core.bootstrap()
  const listener = await listen(core, { port: 0, host: '127.0.0.1' })
  return {
    url: urlOf('127.0.0.1', listener.port),
    store,
    controlToken: core.controlToken,
    logLines,
    clock,
    close: async () => {
      await listener.close()
      await core.close()
    },
  }
}
