import type { Row, Sql } from 'postgres'
import type { OperationId } from '../../api-types.js'
import type { FaultRule } from '../../control/control-types.js'
import { LATEST_VERSION } from '../migrations.js'
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
} from '../storage.js'
import { StorageUnavailableError } from '../unavailable.js'
import { LOCK_SPACE, LOCKS } from './locks.js'
import { schemaVersion } from './migrate.js'
import { unavailableReason } from './unavailable.js'

/** How often (sandbox time) an instance deletes the replay ledger's expired rows. */
const SWEEP_EVERY_MS = 60_000

const UNIQUE_VIOLATION = '23505'

/**
 * The Storage on PostgreSQL, through postgres.js and its connection pool: what any number of
 * sandbox instances share. Each method is one statement, or one transaction when it spans rows,
 * so a connection lost half-way leaves nothing half-written. Guarded changes lock their account's
 * row first, so two instances cannot each remove one of an account's last two active keys. The
 * replay ledger is a table keyed by (api_key, signature): the first INSERT wins across all
 * instances. The clock and the fault rules are rows too, read at the start of every request.
 */
export class PostgresStorage implements Storage {
  readonly driver = 'postgres.js'
  readonly shared = true
  private nextSweepMs = 0

  constructor(
    private readonly sql: Sql,
    /** The URL without its password. */
    readonly location: string,
    /** `host:port`, for errors. */
    private readonly where: string,
  ) {}

  createAccount(first: NewCredential): Promise<AccountNumber | 'key-taken'> {
    return this.run(async () => {
      try {
        return await this.transaction(async (tx) => {
          await tx`SELECT pg_advisory_xact_lock(${LOCK_SPACE}, ${LOCKS.accounts})`
          const [taken] = await tx`SELECT 1 FROM credentials WHERE api_key = ${first.apiKey}`
          if (taken) return 'key-taken' as const
          const [row] = await tx`
            INSERT INTO accounts (id) SELECT coalesce(max(id), 0) + 1 FROM accounts RETURNING id
          `
          const account = Number(row?.id)
          await tx`
            INSERT INTO credentials (account_id, api_key, secret_box, status, date_created)
            VALUES (${account}, ${first.apiKey}, ${first.secretBox}, ${first.status},
              ${first.dateCreated})
          `
          return account
        })
      } catch (error) {
        // Another instance inserted the same apiKey between the check and the insert.
        if (codeOf(error) === UNIQUE_VIOLATION) return 'key-taken'
        throw error
      }
    })
  }

  insertCredential(record: CredentialRecord): Promise<InsertOutcome> {
    // One statement: the account is checked (and held against a concurrent reset) and the row
    // inserted unless its apiKey exists in any account.
    return this.run(async () => {
      const [row] = await this.sql`
        WITH account AS (
          SELECT id FROM accounts WHERE id = ${record.account} FOR KEY SHARE
        ), inserted AS (
          INSERT INTO credentials (account_id, api_key, secret_box, status, date_created)
          SELECT id, ${record.apiKey}, ${record.secretBox}, ${record.status}, ${record.dateCreated}
          FROM account
          ON CONFLICT (api_key) DO NOTHING
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM account) AS accounts,
          (SELECT count(*) FROM inserted) AS inserted
      `
      if (Number(row?.accounts) === 0) return 'no-account'
      return Number(row?.inserted) === 1 ? 'inserted' : 'key-taken'
    })
  }

  findSigner(apiKey: string): Promise<CredentialRecord | undefined> {
    return this.run(async () => {
      const [row] = await this.sql`
        SELECT account_id, api_key, secret_box, status, date_created
        FROM credentials WHERE api_key = ${apiKey}
      `
      return toRecord(row)
    })
  }

  getCredential(account: AccountNumber, apiKey: string) {
    return this.run(async () => {
      const [row] = await this.sql`
        SELECT account_id, api_key, secret_box, status, date_created
        FROM credentials WHERE api_key = ${apiKey} AND account_id = ${account}
      `
      return toRecord(row)
    })
  }

  listCredentials(account: AccountNumber): Promise<CredentialRecord[]> {
    return this.run(async () => {
      const rows = await this.sql`
        SELECT account_id, api_key, secret_box, status, date_created
        FROM credentials WHERE account_id = ${account} ORDER BY id
      `
      return rows.map((row) => toRecord(row) as CredentialRecord)
    })
  }

  updateSecret(account: AccountNumber, apiKey: string, secretBox: Uint8Array) {
    return this.run(async () => {
      const result = await this.sql`
        UPDATE credentials SET secret_box = ${secretBox}
        WHERE api_key = ${apiKey} AND account_id = ${account}
      `
      return result.count > 0
    })
  }

  updateStatus(account: AccountNumber, apiKey: string, status: CredentialStatus) {
    return this.guarded(account, apiKey, status === 'inactive', async (tx, current) => {
      if (current !== status) {
        await tx`
          UPDATE credentials SET status = ${status}
          WHERE api_key = ${apiKey} AND account_id = ${account}
        `
      }
    })
  }

  deleteCredential(account: AccountNumber, apiKey: string) {
    return this.guarded(account, apiKey, true, async (tx) => {
      await tx`DELETE FROM credentials WHERE api_key = ${apiKey} AND account_id = ${account}`
    })
  }

  countCredentials(): Promise<number> {
    return this.run(async () => {
      const [row] = await this.sql`SELECT count(*) AS n FROM credentials`
      return Number(row?.n ?? 0)
    })
  }

  getSetting(name: string): Promise<Uint8Array | undefined> {
    return this.run(async () => {
      const [row] = await this.sql`SELECT value FROM settings WHERE name = ${name}`
      return row?.value instanceof Uint8Array ? row.value : undefined
    })
  }

  putSetting(name: string, value: Uint8Array): Promise<void> {
    return this.run(async () => {
      await this.sql`
        INSERT INTO settings (name, value) VALUES (${name}, ${value})
        ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value
      `
    })
  }

  recordSignature(
    apiKey: string,
    signature: string,
    expiresAtMs: number,
    nowMs: number,
  ): Promise<ReplayVerdict> {
    return this.run(async () => {
      // The first to insert wins; an expired row (not swept yet) is taken over, as in memory.
      const rows = await this.sql`
        INSERT INTO replay_ledger (api_key, signature, expires_at_ms)
        VALUES (${apiKey}, ${signature}, ${expiresAtMs})
        ON CONFLICT (api_key, signature) DO UPDATE SET expires_at_ms = EXCLUDED.expires_at_ms
        WHERE replay_ledger.expires_at_ms <= ${nowMs}
        RETURNING 1
      `
      this.sweepNowAndThen(nowMs)
      return rows.length === 1 ? 'fresh' : 'duplicate'
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
    this.sql`DELETE FROM replay_ledger WHERE expires_at_ms <= ${before}`.then(
      () => {},
      // The next sweep will do it; a request never fails because of this one.
      () => {},
    )
  }

  readControl(): Promise<ControlSnapshot> {
    return this.run(async () => {
      const [row] = await this.sql`
        SELECT offset_ms, frozen_at_ms,
          EXISTS (SELECT 1 FROM control_faults WHERE remaining > 0) AS faulty
        FROM control_clock
      `
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
      await this.sql`
        UPDATE control_clock SET offset_ms = ${clock.offsetMs}, frozen_at_ms = ${clock.frozenAtMs}
      `
    })
  }

  addFault(rule: FaultRule): Promise<ActiveFault> {
    return this.run(async () => {
      const [row] = await this.sql`
        INSERT INTO control_faults (operation, rule, remaining)
        VALUES (${rule.operation ?? null}, ${this.sql.json(rule as never)}, ${rule.times})
        RETURNING id, rule, remaining
      `
      return toFault(row)
    })
  }

  takeFault(operation: OperationId): Promise<ActiveFault | undefined> {
    return this.run(async () => {
      // The oldest matching rule, decremented only while it has applications left: when another
      // instance took its last one in between, the next oldest is tried. So each rule applies
      // exactly `times` times, and in the order the rules were added.
      for (;;) {
        const [candidate] = await this.sql`
          SELECT id FROM control_faults
          WHERE remaining > 0 AND (operation IS NULL OR operation = ${operation})
          ORDER BY id LIMIT 1
        `
        if (!candidate) return undefined
        const [taken] = await this.sql`
          UPDATE control_faults SET remaining = remaining - 1
          WHERE id = ${candidate.id} AND remaining > 0
          RETURNING id, rule, remaining
        `
        if (taken) return toFault(taken)
      }
    })
  }

  listFaults(): Promise<ActiveFault[]> {
    return this.run(async () => {
      const rows = await this.sql`
        SELECT id, rule, remaining FROM control_faults WHERE remaining > 0 ORDER BY id
      `
      return rows.map(toFault)
    })
  }

  clearFaults(): Promise<void> {
    return this.run(async () => {
      await this.sql`DELETE FROM control_faults`
    })
  }

  reset(first: NewCredential): Promise<AccountNumber> {
    return this.run(() =>
      this.transaction(async (tx) => {
        await tx`SELECT pg_advisory_xact_lock(${LOCK_SPACE}, ${LOCKS.accounts})`
        await tx`DELETE FROM credentials`
        await tx`DELETE FROM accounts`
        await tx`DELETE FROM replay_ledger`
        await tx`DELETE FROM control_faults`
        await tx`UPDATE control_clock SET offset_ms = 0, frozen_at_ms = NULL`
        await tx`INSERT INTO accounts (id) VALUES (1)`
        await tx`
          INSERT INTO credentials (account_id, api_key, secret_box, status, date_created)
          VALUES (1, ${first.apiKey}, ${first.secretBox}, ${first.status}, ${first.dateCreated})
        `
        return 1
      }),
    )
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.run(async () => {
      // A session lock on a connection of its own, held while `work` uses the pool; the server
      // releases it by itself if this process dies half-way.
      const connection = await this.sql.reserve()
      try {
        await connection`SELECT pg_advisory_lock(${LOCK_SPACE}, ${LOCKS.start})`
        try {
          return await work()
        } finally {
          await connection`SELECT pg_advisory_unlock(${LOCK_SPACE}, ${LOCKS.start})`
        }
      } finally {
        connection.release()
      }
    })
  }

  readiness(): Promise<Readiness> {
    return this.run(async () => {
      const version = await schemaVersion(this.sql)
      return version === LATEST_VERSION
        ? { ready: true, schemaVersion: version }
        : { ready: false, schemaVersion: version, expected: LATEST_VERSION }
    })
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 })
  }

  /** Guarded changes: the account's row is locked first when the change may remove an active key. */
  private guarded(
    account: AccountNumber,
    apiKey: string,
    removesActive: boolean,
    change: (tx: Sql, current: CredentialStatus) => Promise<void>,
  ): Promise<GuardedChange> {
    return this.run(() =>
      this.transaction(async (tx) => {
        if (removesActive) await tx`SELECT 1 FROM accounts WHERE id = ${account} FOR NO KEY UPDATE`
        const [current] = await tx`
          SELECT status FROM credentials WHERE api_key = ${apiKey} AND account_id = ${account}
        `
        if (!current) return 'not-found'
        if (removesActive && current.status === 'active') {
          const [others] = await tx`
            SELECT count(*) AS n FROM credentials
            WHERE account_id = ${account} AND status = 'active' AND api_key <> ${apiKey}
          `
          if (Number(others?.n ?? 0) === 0) return 'last-active'
        }
        await change(tx, current.status === 'active' ? 'active' : 'inactive')
        return 'done'
      }),
    )
  }

  private transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return this.sql.begin((tx) => work(tx as unknown as Sql)) as Promise<T>
  }

  /** Runs a step; a database that does not answer becomes a StorageUnavailableError. */
  private async run<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step()
    } catch (error) {
      const reason = unavailableReason(error)
      if (reason) throw new StorageUnavailableError(this.where, reason)
      throw error
    }
  }
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | undefined)?.code
}

function toRecord(row: Row | undefined): CredentialRecord | undefined {
  if (!row) return undefined
  return {
    account: Number(row.account_id),
    apiKey: String(row.api_key),
    secretBox: row.secret_box instanceof Uint8Array ? row.secret_box : new Uint8Array(0),
    status: row.status === 'active' ? 'active' : 'inactive',
    dateCreated: String(row.date_created),
  }
}

function toFault(row: Row | undefined): ActiveFault {
  const rule = (row?.rule ?? {}) as FaultRule
  return { id: `fault_${row?.id}`, ...rule, remaining: Number(row?.remaining) }
}
