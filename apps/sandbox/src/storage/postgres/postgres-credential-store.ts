import type { Pool, PoolClient } from 'pg'
import type {
  AccountNumber,
  CredentialRecord,
  CredentialStatus,
  CredentialStore,
  GuardedChange,
  InsertOutcome,
  NewCredential,
} from '../../domain/storage.js'
import { CREDENTIAL_COLUMNS, credentialFromRow } from '../credential-row.js'
import { bytes, insertRow } from './credential-rows.js'
import { LOCK_SPACE, LOCKS } from './locks.js'
import type { RunStep } from './step.js'
import { inTransaction } from './transaction.js'

const UNIQUE_VIOLATION = '23505'

/**
 * Accounts, credentials and settings on PostgreSQL. Each method is one statement, or one
 * transaction when it spans rows, so a connection lost half-way leaves nothing half-written.
 * Guarded changes lock their account's row first, so two instances cannot each remove one of an
 * account's last two active keys.
 */
export class PostgresCredentialStore implements CredentialStore {
  constructor(
    private readonly pool: Pool,
    private readonly run: RunStep,
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
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | undefined)?.code
}
