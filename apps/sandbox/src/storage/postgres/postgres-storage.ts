import type { Pool } from 'pg'
import type { AccountNumber, NewCredential, Readiness, Stores } from '../../domain/storage.js'
import { readinessAt } from '../migrations.js'
import { insertRow } from './credential-rows.js'
import { LOCK_SPACE, LOCKS } from './locks.js'
import { schemaVersion } from './migrate.js'
import { PostgresControlState } from './postgres-control-state.js'
import { PostgresCredentialStore } from './postgres-credential-store.js'
import { PostgresReplayLedger } from './postgres-replay-ledger.js'
import { type RunStep, stepRunner } from './step.js'
import { inTransaction, startUpStep, withConnection } from './transaction.js'

/**
 * `/healthz` answers within a second, ready or not: a load balancer's checks are short. The check
 * gives up well inside that second, since answering after it takes the process's turn too: with
 * 600 ms, a loaded two-core CI machine once took 1.1 s to answer.
 */
const HEALTH_DEADLINE_MS = 400

/**
 * The stores on PostgreSQL, through node-postgres (pg) and one connection pool: what any number of
 * sandbox instances share. The credentials, the replay ledger and the control state are tables
 * (see each store); this holds what spans them: a reset of all in one transaction, the start-up
 * lock, health and closing the pool.
 */
export class PostgresStorage implements Stores {
  readonly driver = 'pg'
  readonly shared = true
  readonly credentials: PostgresCredentialStore
  readonly replayLedger: PostgresReplayLedger
  readonly controlState: PostgresControlState
  private readonly run: RunStep
  private closed = false

  constructor(
    private readonly pool: Pool,
    /** The URL without its password. */
    readonly location: string,
    /** `host:port`, for errors. */
    where: string,
    /** The schema versions this start applied (none when another instance already had). */
    readonly migrated: number[],
  ) {
    this.run = stepRunner(where)
    this.credentials = new PostgresCredentialStore(pool, this.run)
    this.replayLedger = new PostgresReplayLedger(pool, this.run)
    this.controlState = new PostgresControlState(pool, this.run)
  }

  reset(first: NewCredential): Promise<AccountNumber> {
    return this.run(() =>
      inTransaction(this.pool, async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_SPACE, LOCKS.accounts])
        await tx.query(`
          DELETE FROM credentials;
          DELETE FROM accounts;
          DELETE FROM replay_ledger;
          DELETE FROM control_faults;
          UPDATE control_clock SET offset_ms = 0, frozen_at_ms = NULL;
          INSERT INTO accounts (id) VALUES (1);
        `)
        await insertRow(tx, { ...first, account: 1 })
        return 1
      }),
    )
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    // No deadline: instances that start together wait here for each other's start-up steps.
    return this.run(async () => {
      // A session lock on a connection of its own, held while `work` uses the pool; the server
      // releases it by itself if this process dies half-way.
      return withConnection(this.pool, async (connection) => {
        await connection.query('SET statement_timeout = 0')
        await connection.query(
          startUpStep('SELECT pg_advisory_lock($1, $2)', [LOCK_SPACE, LOCKS.start]),
        )
        try {
          return await work()
        } finally {
          await connection.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_SPACE, LOCKS.start])
          await connection.query('RESET statement_timeout')
        }
      })
    }, Number.POSITIVE_INFINITY)
  }

  readiness(): Promise<Readiness> {
    return this.run(async () => readinessAt(await schemaVersion(this.pool)), HEALTH_DEADLINE_MS)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.pool.end()
  }
}
