import type { Stores } from '../../src/domain/storage.js'
import { listen } from '../../src/listeners/listener.js'
import { openStorage } from '../../src/open-storage.js'
import { openSandbox } from '../../src/sandbox-core.js'
import { urlOf } from '../../src/start-sandbox.js'
import type { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js'
import { backend, newPostgresDatabase, TEST_MASTER_KEY } from './backend.js'
import { TEST_CREDENTIAL } from './signing.js'
import { connectTo } from './sql.js'

export interface InProcessServer {
  url: string
  /** The store itself, so that tests can see that nothing was written. */
  store: Stores
  /**
   * How many rows the database has inserted, updated or deleted since it opened, the replay
   * ledger aside (SQLite keeps that in memory): SQLite's own count on its connection, or on
   * PostgreSQL a count kept by triggers on every other table.
   */
  writes(): Promise<number>
  controlToken: string
  logLines: string[]
  /** Pins the real time under the sandbox clock when set (the control API moves it on top). */
  clock: { now: number | undefined }
  close(): Promise<void>
}

/**
 * The real sandbox on a real HTTP listener (127.0.0.1, a free port), on this run's store (an
 * in-memory SQLite database, or a new PostgreSQL one) whose bootstrap is the documented test
 * credential, with its access log kept for assertions.
 */
export async function startInProcessServer(
  options: { replayCapacity?: number } = {},
): Promise<InProcessServer> {
  const database = backend === 'postgres' ? await newPostgresDatabase() : ':memory:'
  const { storage: store } = await openStorage(database, {
    ...(options.replayCapacity ? { replayCapacity: options.replayCapacity } : {}),
  })
  const counter =
    backend === 'postgres'
      ? await countWrites(database)
      : {
          writes: async () => (store as SqliteStorage).credentials.totalChanges(),
          close: async () => {},
        }
  const clock: { now: number | undefined } = { now: undefined }
  const logLines: string[] = []
  const core = await openSandbox({
    storage: store,
    now: () => clock.now ?? Date.now(),
    ...TEST_CREDENTIAL,
    ...(backend === 'postgres' ? { masterKey: TEST_MASTER_KEY } : {}),
    logLevel: 'info',
    log: (line) => logLines.push(line),
  })
  await core.bootstrap()
  const listener = await listen(core, { port: 0, host: '127.0.0.1' })
  return {
    url: urlOf('127.0.0.1', listener.port),
    store,
    writes: counter.writes,
    controlToken: core.controlToken,
    logLines,
    clock,
    close: async () => {
      await listener.close()
      await core.close()
      await counter.close()
    },
  }
}

/**
 * Counts every row written to a migrated PostgreSQL database's tables but the replay ledger,
 * with a trigger on each (test-only SQL, added beside the sandbox's schema).
 */
async function countWrites(database: string) {
  const client = await connectTo(database)
  await client.query(`
    CREATE TABLE test_writes (n bigint NOT NULL);
    INSERT INTO test_writes VALUES (0);
    CREATE FUNCTION test_count_write() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN UPDATE test_writes SET n = n + 1; RETURN NULL; END $$;
  `)
  const { rows: tables } = await client.query(`
    SELECT tablename FROM pg_tables
    WHERE schemaname = 'public' AND tablename NOT IN ('replay_ledger', 'test_writes')
  `)
  for (const { tablename } of tables) {
    await client.query(
      `CREATE TRIGGER count_writes AFTER INSERT OR UPDATE OR DELETE ON ${tablename}
       FOR EACH ROW EXECUTE FUNCTION test_count_write()`,
    )
  }
  return {
    writes: async () => Number((await client.query('SELECT n FROM test_writes')).rows[0]?.n),
    close: () => client.end(),
  }
}
