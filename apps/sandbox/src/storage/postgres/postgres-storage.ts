import { Buffer } from 'node:buffer'
import type { Pool, PoolClient } from 'pg'
import type { OperationId } from '../../domain/api-types.js'
import type { FaultRule } from '../../domain/faults.js'
import type {
  AccountNumber,
  ActiveFault,
  ClockState,
  ControlSnapshot,
  CredentialRecord,
  CredentialStatus,
  GuardedChange,
  InsertOutcome,
  NewCredential,
  Readiness,
  ReplayVerdict,
  Storage,
} from '../../domain/storage.js'
import { StorageUnavailableError } from '../../domain/storage-unavailable.js'
import { CREDENTIAL_COLUMNS, credentialFromRow } from '../credential-row.js'
import { readinessAt } from '../migrations.js'
import { LOCK_SPACE, LOCKS } from './locks.js'
import { schemaVersion } from './migrate.js'
import { inTransaction, startUpStep, withConnection } from './transaction.js'
import { unavailableReason } from './unavailable.js'

/**
 * The longest a request waits on one step (a statement, or a transaction) before it gets its 503:
 * under the 5 s a client may wait, whatever the pool's and the driver's own timeouts add up to
 * when a connection is queued for, then opened, then queried on a server that hangs.
 */
const STEP_DEADLINE_MS = 4_000
/** `/healthz` answers within a second, ready or not: a load balancer's checks are short. */
const HEALTH_DEADLINE_MS = 600

/** How often (sandbox time) an instance deletes the replay ledger's expired rows. */
const SWEEP_EVERY_MS = 60_000

const UNIQUE_VIOLATION = '23505'

type Row = Record<string, unknown>

/**
 * The Storage on PostgreSQL, through node-postgres (pg) and its connection pool: what any number
 * of sandbox instances share. Each method is one statement, or one transaction when it spans rows,
 * so a connection lost half-way leaves nothing half-written. Guarded changes lock their account's
 * row first, so two instances cannot each remove one of an account's last two active keys. The
 * replay ledger is a table keyed by (api_key, signature): the first INSERT wins across all
 * instances. The clock and the fault rules are rows too, read at the start of every request.
 */
export class PostgresStorage implements Storage {
  readonly driver = 'pg'
  readonly shared = true
  private nextSweepMs = 0
  private closed = false

  constructor(
    private readonly pool: Pool,
    /** The URL without its password. */
    readonly location: string,
    /** `host:port`, for errors. */
    private readonly where: string,
    /** The schema versions this start applied (none when another instance already had). */
    readonly migrated: number[],
  ) {}

  createAccount(first: NewCredential): Promise<AccountNumber | 'key-taken'> {
    return this.run(async () => {
      try {
        return await inTransaction(this.pool, async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_SPACE, LOCKS.accounts])
          const taken = await tx.query('SELECT 1 FROM credentials WHERE api_key = $1', [
            first.apiKey,
          ])
          if (taken.rowCount) return 'key-taken' as const
          const { rows } = await tx.query(
            'INSERT INTO accounts (id) SELECT coalesce(max(id), 0) + 1 FROM accounts RETURNING id',
          )
          const account = Number(rows[0]?.id)
          await insertRow(tx, { ...first, account })
          return account
        })
      } catch (error) {
        // Another instance inserted the same apiKey between the check and the insert.
        if (codeOf(error) === UNIQUE_VIOLATION) return 'key-taken'
        throw error
      }
    })
  }

  insertCredential(
    record: CredentialRecord,
    options: { maxPerAccount?: number } = {},
  ): Promise<InsertOutcome> {
    if (options.maxPerAccount !== undefined) return this.insertBelow(record, options.maxPerAccount)
    // One statement: the account is checked (and held against a concurrent reset) and the row
    // inserted unless its apiKey exists in any account.
    return this.run(async () => {
      const { rows } = await this.pool.query(
        `WITH account AS (
          SELECT id FROM accounts WHERE id = $1 FOR KEY SHARE
        ), inserted AS (
          INSERT INTO credentials (${CREDENTIAL_COLUMNS})
          SELECT id, $2, $3, $4, $5 FROM account
          ON CONFLICT (api_key) DO NOTHING
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM account) AS accounts,
          (SELECT count(*) FROM inserted) AS inserted`,
        [record.account, record.apiKey, bytes(record.secretBox), record.status, record.dateCreated],
      )
      const row = rows[0]
      if (Number(row?.accounts) === 0) return 'no-account'
      return Number(row?.inserted) === 1 ? 'inserted' : 'key-taken'
    })
  }

  /**
   * Inserts unless the account holds `max` credentials: the account's row is locked first, so
   * inserts into one account, from every instance, count one after another. The count is in a
   * statement after the lock's: in READ COMMITTED each statement sees what was committed before it
   * began, so it sees the row of the insert that held the lock before (a count in the locking
   * statement would not).
   */
  private insertBelow(record: CredentialRecord, max: number): Promise<InsertOutcome> {
    return this.run(() =>
      inTransaction(this.pool, async (tx) => {
        const account = await tx.query('SELECT 1 FROM accounts WHERE id = $1 FOR NO KEY UPDATE', [
          record.account,
        ])
        if (!account.rowCount) return 'no-account'
        const { rows } = await tx.query(
          `WITH held AS (
            SELECT count(*) AS n FROM credentials WHERE account_id = $1
          ), inserted AS (
            INSERT INTO credentials (${CREDENTIAL_COLUMNS})
            SELECT $1, $2, $3, $4, $5 FROM held WHERE held.n < $6
            ON CONFLICT (api_key) DO NOTHING
            RETURNING 1
          )
          SELECT (SELECT n FROM held) AS held, (SELECT count(*) FROM inserted) AS inserted`,
          [
            record.account,
            record.apiKey,
            bytes(record.secretBox),
            record.status,
            record.dateCreated,
            max,
          ],
        )
        if (Number(rows[0]?.held) >= max) return 'limit-reached'
        return Number(rows[0]?.inserted) === 1 ? 'inserted' : 'key-taken'
      }),
    )
  }

  findSigner(apiKey: string): Promise<CredentialRecord | undefined> {
    return this.run(async () => {
      const { rows } = await this.pool.query(
        `SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE api_key = $1`,
        [apiKey],
      )
      return credentialFromRow(rows[0])
    })
  }

  getCredential(account: AccountNumber, apiKey: string) {
    return this.run(async () => {
      const { rows } = await this.pool.query(
        `SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE api_key = $1 AND account_id = $2`,
        [apiKey, account],
      )
      return credentialFromRow(rows[0])
    })
  }

  listCredentials(account: AccountNumber): Promise<CredentialRecord[]> {
    return this.run(async () => {
      const { rows } = await this.pool.query(
        `SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE account_id = $1 ORDER BY id`,
        [account],
      )
      return rows.map((row) => credentialFromRow(row) as CredentialRecord)
    })
  }

  updateSecret(account: AccountNumber, apiKey: string, secretBox: Uint8Array) {
    return this.run(async () => {
      const { rowCount } = await this.pool.query(
        'UPDATE credentials SET secret_box = $1 WHERE api_key = $2 AND account_id = $3',
        [bytes(secretBox), apiKey, account],
      )
      return (rowCount ?? 0) > 0
    })
  }

  updateStatus(account: AccountNumber, apiKey: string, status: CredentialStatus) {
    return this.guarded(account, apiKey, status === 'inactive', async (tx, current) => {
      if (current !== status) {
        await tx.query(
          'UPDATE credentials SET status = $1 WHERE api_key = $2 AND account_id = $3',
          [status, apiKey, account],
        )
      }
    })
  }

  deleteCredential(account: AccountNumber, apiKey: string) {
    return this.guarded(account, apiKey, true, async (tx) => {
      await tx.query('DELETE FROM credentials WHERE api_key = $1 AND account_id = $2', [
        apiKey,
        account,
      ])
    })
  }

  countCredentials(): Promise<number> {
    return this.run(async () => {
      const { rows } = await this.pool.query('SELECT count(*) AS n FROM credentials')
      return Number(rows[0]?.n ?? 0)
    })
  }

  getSetting(name: string): Promise<Uint8Array | undefined> {
    return this.run(async () => {
      const { rows } = await this.pool.query('SELECT value FROM settings WHERE name = $1', [name])
      const value = rows[0]?.value
      return value instanceof Uint8Array ? value : undefined
    })
  }

  putSetting(name: string, value: Uint8Array): Promise<void> {
    return this.run(async () => {
      await this.pool.query(
        `INSERT INTO settings (name, value) VALUES ($1, $2)
        ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
        [name, bytes(value)],
      )
    })
  }

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

  readControl(): Promise<ControlSnapshot> {
    return this.run(async () => {
      const { rows } = await this.pool.query(
        `SELECT offset_ms, frozen_at_ms,
          EXISTS (SELECT 1 FROM control_faults WHERE remaining > 0) AS faulty
        FROM control_clock`,
      )
      const row = rows[0]
      return {
        clock: {
          offsetMs: Number(row?.offset_ms ?? 0),
          frozenAtMs: row?.frozen_at_ms == null ? null : Number(row.frozen_at_ms),
        },
        faulty: row?.faulty === true,
      }
    })
  }

  setClock(clock: ClockState): Promise<void> {
    return this.run(async () => {
      await this.pool.query('UPDATE control_clock SET offset_ms = $1, frozen_at_ms = $2', [
        clock.offsetMs,
        clock.frozenAtMs,
      ])
    })
  }

  addFault(rule: FaultRule): Promise<ActiveFault> {
    return this.run(async () => {
      const { rows } = await this.pool.query(
        `INSERT INTO control_faults (operation, rule, remaining) VALUES ($1, $2::jsonb, $3)
        RETURNING id, rule, remaining`,
        [rule.operation ?? null, JSON.stringify(rule), rule.times],
      )
      return toFault(rows[0])
    })
  }

  takeFault(operation: OperationId): Promise<ActiveFault | undefined> {
    return this.run(async () => {
      // The oldest matching rule, decremented only while it has applications left: when another
      // instance took its last one in between, the next oldest is tried. So each rule applies
      // exactly `times` times, and in the order the rules were added.
      for (;;) {
        const candidate = await this.pool.query(
          `SELECT id FROM control_faults
          WHERE remaining > 0 AND (operation IS NULL OR operation = $1)
          ORDER BY id LIMIT 1`,
          [operation],
        )
        const id = candidate.rows[0]?.id
        if (id === undefined) return undefined
        const taken = await this.pool.query(
          `UPDATE control_faults SET remaining = remaining - 1
          WHERE id = $1 AND remaining > 0
          RETURNING id, rule, remaining`,
          [id],
        )
        if (taken.rows[0]) return toFault(taken.rows[0])
      }
    })
  }

  listFaults(): Promise<ActiveFault[]> {
    return this.run(async () => {
      const { rows } = await this.pool.query(
        'SELECT id, rule, remaining FROM control_faults WHERE remaining > 0 ORDER BY id',
      )
      return rows.map(toFault)
    })
  }

  clearFaults(): Promise<void> {
    return this.run(async () => {
      await this.pool.query('DELETE FROM control_faults')
    })
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

  /** Guarded changes: the account's row is locked first when the change may remove an active key. */
  private guarded(
    account: AccountNumber,
    apiKey: string,
    removesActive: boolean,
    change: (tx: PoolClient, current: CredentialStatus) => Promise<void>,
  ): Promise<GuardedChange> {
    return this.run(() =>
      inTransaction(this.pool, async (tx) => {
        if (removesActive) {
          await tx.query('SELECT 1 FROM accounts WHERE id = $1 FOR NO KEY UPDATE', [account])
        }
        const found = await tx.query(
          'SELECT status FROM credentials WHERE api_key = $1 AND account_id = $2',
          [apiKey, account],
        )
        const current = found.rows[0]
        if (!current) return 'not-found'
        if (removesActive && current.status === 'active') {
          const others = await tx.query(
            `SELECT count(*) AS n FROM credentials
            WHERE account_id = $1 AND status = 'active' AND api_key <> $2`,
            [account, apiKey],
          )
          if (Number(others.rows[0]?.n ?? 0) === 0) return 'last-active'
        }
        await change(tx, current.status === 'active' ? 'active' : 'inactive')
        return 'done'
      }),
    )
  }

  /**
   * Runs a step; a database that does not answer, at once or within `deadlineMs`, becomes a
   * StorageUnavailableError. A step given up on goes on by itself until the driver's timeouts end
   * it: a transaction cut off there is rolled back whole, and its answer goes to nobody.
   */
  private async run<T>(step: () => Promise<T>, deadlineMs = STEP_DEADLINE_MS): Promise<T> {
    const work = step()
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<never>((_, reject) => {
      if (!Number.isFinite(deadlineMs)) return
      timer = setTimeout(
        () => reject(new StorageUnavailableError(this.where, 'timeout')),
        deadlineMs,
      )
    })
    // Heard here as well, so that a step that fails after its deadline is no unhandled rejection.
    work.catch(() => {})
    try {
      return await Promise.race([work, late])
    } catch (error) {
      if (error instanceof StorageUnavailableError) throw error
      const reason = unavailableReason(error)
      if (reason) throw new StorageUnavailableError(this.where, reason)
      throw error
    } finally {
      clearTimeout(timer)
    }
  }
}

/** Inserts a credential row (inside a transaction). */
async function insertRow(tx: PoolClient, row: CredentialRecord): Promise<void> {
  await tx.query(`INSERT INTO credentials (${CREDENTIAL_COLUMNS}) VALUES ($1, $2, $3, $4, $5)`, [
    row.account,
    row.apiKey,
    bytes(row.secretBox),
    row.status,
    row.dateCreated,
  ])
}

/** pg sends a Buffer as bytea. */
function bytes(value: Uint8Array): Buffer {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | undefined)?.code
}

function toFault(row: Row | undefined): ActiveFault {
  const rule = (row?.rule ?? {}) as FaultRule
  return { id: `fault_${row?.id}`, ...rule, remaining: Number(row?.remaining) }
}
