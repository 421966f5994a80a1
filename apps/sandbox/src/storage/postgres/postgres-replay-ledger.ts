import type { Pool } from 'pg'
import type { AccountNumber, ReplayLedgerStore, ReplayVerdict } from '../../domain/storage.js'
import type { RunStep } from './step.js'

/** How often (sandbox time) an instance deletes the replay ledger's expired rows. */
const SWEEP_EVERY_MS = 60_000

/**
 * The replay ledger on PostgreSQL: a table keyed by (api_key, signature), so the first INSERT
 * wins across all instances.
 */
export class PostgresReplayLedger implements ReplayLedgerStore {
  private nextSweepMs = 0

  constructor(
    private readonly pool: Pool,
    private readonly run: RunStep,
  ) {}

  /**
   * No share per account here: the table is on disk, not in a process's memory, and the skew
   * check bounds each key's rows to the signatures of one replay window.
   */
  recordSignature(
    _account: AccountNumber,
    apiKey: string,
    signature: string,
    expiresAtMs: number,
    nowMs: number,
  ): Promise<ReplayVerdict> {
    return this.run(async () => {
      // The first to insert wins; an expired row (not swept yet) is taken over, as in memory.
      const { rowCount } = await this.pool.query(
        `INSERT INTO replay_ledger (api_key, signature, expires_at_ms) VALUES ($1, $2, $3)
        ON CONFLICT (api_key, signature) DO UPDATE SET expires_at_ms = EXCLUDED.expires_at_ms
        WHERE replay_ledger.expires_at_ms <= $4`,
        [apiKey, signature, expiresAtMs, nowMs],
      )
      this.sweepNowAndThen(nowMs)
      return rowCount === 1 ? 'fresh' : 'duplicate'
    })
  }

  /**
   * Deletes the ledger's expired rows about once a minute, without holding up the request that
   * triggers it. Only rows expired by both the sandbox clock and the real time go, so that moving
   * the clock forward and back never forgets a live signature.
   */
  private sweepNowAndThen(nowMs: number): void {
    if (nowMs < this.nextSweepMs) return
    this.nextSweepMs = nowMs + SWEEP_EVERY_MS
    const before = Math.min(nowMs, Date.now())
    this.pool.query('DELETE FROM replay_ledger WHERE expires_at_ms <= $1', [before]).then(
      () => {},
      // The next sweep will do it; a request never fails because of this one.
      () => {},
    )
  }
}
