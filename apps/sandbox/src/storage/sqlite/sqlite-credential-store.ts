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
import type { SqlDriver } from './sql-driver.js'

/**
 * Accounts, credentials and settings in the SQLite file. The drivers are synchronous, so each
 * method runs to its end before another request's statements; guarded changes also run in one
 * IMMEDIATE transaction.
 */
export class SqliteCredentialStore implements CredentialStore {
  private readonly sql: ReturnType<typeof prepare>

  constructor(private readonly db: SqlDriver) {
    this.sql = prepare(db)
  }

  async createAccount(first: NewCredential): Promise<AccountNumber | 'key-taken'> {
    return this.transaction(() => {
      if (this.sql.keyTaken.get(first.apiKey)) return 'key-taken'
      return this.insertAccountWith(first)
    })
  }

  /** Inside a transaction: a new account (the lowest free number) holding `first`. */
  private insertAccountWith(first: NewCredential): AccountNumber {
    const account = Number(this.sql.insertAccount.get()?.id)
    this.sql.insert.run(account, first.apiKey, first.secretBox, first.status, first.dateCreated)
    return account
  }

  async insertCredential(
    record: CredentialRecord,
    options: { maxPerAccount?: number } = {},
  ): Promise<InsertOutcome> {
    // Counted and inserted in one IMMEDIATE transaction, with no await in between.
    return this.transaction(() => {
      if (!this.sql.accountExists.get(record.account)) return 'no-account'
      if (
        options.maxPerAccount !== undefined &&
        Number(this.sql.countOfAccount.get(record.account)?.n ?? 0) >= options.maxPerAccount
      ) {
        return 'limit-reached'
      }
      if (this.sql.keyTaken.get(record.apiKey)) return 'key-taken'
      this.sql.insert.run(
        record.account,
        record.apiKey,
        record.secretBox,
        record.status,
        record.dateCreated,
      )
      return 'inserted'
    })
  }

  async findSigner(apiKey: string): Promise<CredentialRecord | undefined> {
    return credentialFromRow(this.sql.findSigner.get(apiKey))
  }

  async getCredential(account: AccountNumber, apiKey: string) {
    return credentialFromRow(this.sql.get.get(apiKey, account))
  }

  async listCredentials(account: AccountNumber): Promise<CredentialRecord[]> {
    return this.sql.list.all(account).map((row) => credentialFromRow(row) as CredentialRecord)
  }

  async updateSecret(account: AccountNumber, apiKey: string, secretBox: Uint8Array) {
    return this.sql.updateSecret.run(secretBox, apiKey, account).changes > 0
  }

  async updateStatus(account: AccountNumber, apiKey: string, status: CredentialStatus) {
    return this.guarded(account, apiKey, status === 'inactive', (current) => {
      if (current.status !== status) this.sql.updateStatus.run(status, apiKey, account)
    })
  }

  async deleteCredential(account: AccountNumber, apiKey: string) {
    return this.guarded(account, apiKey, true, () => {
      this.sql.remove.run(apiKey, account)
    })
  }

  async countCredentials(): Promise<number> {
    return Number(this.sql.count.get()?.n ?? 0)
  }

  async getSetting(name: string): Promise<Uint8Array | undefined> {
    const value = this.sql.getSetting.get(name)?.value
    return value instanceof Uint8Array ? value : undefined
  }

  async putSetting(name: string, value: Uint8Array): Promise<void> {
    this.sql.putSetting.run(name, value)
  }

  /** Every account and credential gone, then a first account holding `first`, in one transaction. */
  resetAccounts(first: NewCredential): AccountNumber {
    return this.transaction(() => {
      this.db.exec('DELETE FROM credentials')
      this.db.exec('DELETE FROM accounts')
      return this.insertAccountWith(first)
    })
  }

  /** Rows this connection has inserted, updated or deleted since it opened (SQLite's own count). */
  totalChanges(): number {
    return Number(this.sql.totalChanges.get()?.n ?? 0)
  }

  private guarded(
    account: AccountNumber,
    apiKey: string,
    removesActive: boolean,
    change: (current: CredentialRecord) => void,
  ): GuardedChange {
    return this.transaction(() => {
      const current = credentialFromRow(this.sql.get.get(apiKey, account))
      if (!current) return 'not-found'
      if (
        removesActive &&
        current.status === 'active' &&
        Number(this.sql.otherActive.get(account, apiKey)?.n ?? 0) === 0
      ) {
        return 'last-active'
      }
      change(current)
      return 'done'
    })
  }

  private transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const result = work()
      this.db.exec('COMMIT')
      return result
    } catch (error) {
      this.db.exec('ROLLBACK')
      throw error
    }
  }
}

function prepare(db: SqlDriver) {
  return {
    insertAccount: db.prepare('INSERT INTO accounts DEFAULT VALUES RETURNING id'),
    accountExists: db.prepare('SELECT 1 AS found FROM accounts WHERE id = ?'),
    keyTaken: db.prepare('SELECT 1 AS found FROM credentials WHERE api_key = ?'),
    insert: db.prepare(`INSERT INTO credentials (${CREDENTIAL_COLUMNS}) VALUES (?, ?, ?, ?, ?)`),
    findSigner: db.prepare(`SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE api_key = ?`),
    get: db.prepare(
      `SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE api_key = ? AND account_id = ?`,
    ),
    list: db.prepare(
      `SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE account_id = ? ORDER BY id`,
    ),
    updateSecret: db.prepare(
      'UPDATE credentials SET secret_box = ? WHERE api_key = ? AND account_id = ?',
    ),
    updateStatus: db.prepare(
      'UPDATE credentials SET status = ? WHERE api_key = ? AND account_id = ?',
    ),
    remove: db.prepare('DELETE FROM credentials WHERE api_key = ? AND account_id = ?'),
    otherActive: db.prepare(
      "SELECT count(*) AS n FROM credentials WHERE account_id = ? AND status = 'active' AND api_key <> ?",
    ),
    count: db.prepare('SELECT count(*) AS n FROM credentials'),
    countOfAccount: db.prepare('SELECT count(*) AS n FROM credentials WHERE account_id = ?'),
    getSetting: db.prepare('SELECT value FROM settings WHERE name = ?'),
    putSetting: db.prepare('INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)'),
    totalChanges: db.prepare('SELECT total_changes() AS n'),
  }
}
