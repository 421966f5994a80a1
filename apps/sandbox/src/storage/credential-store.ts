import { migrate } from './migrations.js'
import type { SqlDriver, SqlStatement } from './sql-driver.js'

export type CredentialStatus = 'active' | 'inactive'

export interface CredentialRow {
  apiKey: string
  secretBox: Uint8Array
  status: CredentialStatus
  dateCreated: string
}

export type GuardedChange = 'done' | 'not-found' | 'last-active'

/**
 * The sandbox's whole persistence: one table of credentials, on any SqlDriver. Durability:
 * WAL with synchronous=FULL, so a write acknowledged to a client has been fsynced and survives
 * `kill -9` or power loss. Guarded changes (the lockout rule) run in one IMMEDIATE transaction.
 */
export class CredentialStore {
  private readonly statements: {
    insert: SqlStatement
    get: SqlStatement
    list: SqlStatement
    updateSecret: SqlStatement
    updateStatus: SqlStatement
    remove: SqlStatement
    otherActive: SqlStatement
    count: SqlStatement
    getSetting: SqlStatement
    putSetting: SqlStatement
    totalChanges: SqlStatement
  }

  constructor(
    private readonly db: SqlDriver,
    readonly filename: string,
  ) {
    if (filename !== ':memory:') {
      // The sandbox owns its database: holding the lock for the connection's life makes a second
      // sandbox on the same file fail at start instead of interleaving writes.
      db.exec('PRAGMA locking_mode = EXCLUSIVE')
      db.exec('PRAGMA journal_mode = WAL')
    }
    db.exec('PRAGMA synchronous = FULL')
    db.exec('PRAGMA foreign_keys = ON')
    // No busy timeout: a database another process holds is reported at start, not waited for.
    migrate(db)
    this.statements = {
      insert: db.prepare(
        'INSERT INTO credentials (api_key, secret_box, status, date_created) VALUES (?, ?, ?, ?)',
      ),
      get: db.prepare(
        'SELECT api_key, secret_box, status, date_created FROM credentials WHERE api_key = ?',
      ),
      list: db.prepare(
        'SELECT api_key, secret_box, status, date_created FROM credentials ORDER BY id',
      ),
      updateSecret: db.prepare('UPDATE credentials SET secret_box = ? WHERE api_key = ?'),
      updateStatus: db.prepare('UPDATE credentials SET status = ? WHERE api_key = ?'),
      remove: db.prepare('DELETE FROM credentials WHERE api_key = ?'),
      otherActive: db.prepare(
        "SELECT count(*) AS n FROM credentials WHERE status = 'active' AND api_key <> ?",
      ),
      count: db.prepare('SELECT count(*) AS n FROM credentials'),
      getSetting: db.prepare('SELECT value FROM settings WHERE name = ?'),
      putSetting: db.prepare('INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)'),
      totalChanges: db.prepare('SELECT total_changes() AS n'),
    }
  }

  get driverName(): string {
    return this.db.name
  }

  insert(row: CredentialRow): boolean {
    try {
      this.statements.insert.run(row.apiKey, row.secretBox, row.status, row.dateCreated)
      return true
    } catch (error) {
      if (String((error as Error).message).includes('UNIQUE')) return false
      throw error
    }
  }

  get(apiKey: string): CredentialRow | undefined {
    const row = this.statements.get.get(apiKey)
    return row ? toCredential(row) : undefined
  }

  list(): CredentialRow[] {
    return this.statements.list.all().map(toCredential)
  }

  count(): number {
    return Number(this.statements.count.get()?.n ?? 0)
  }

  /** Rows this connection has inserted, updated or deleted since it opened (SQLite's own count). */
  totalChanges(): number {
    return Number(this.statements.totalChanges.get()?.n ?? 0)
  }

  updateSecret(apiKey: string, secretBox: Uint8Array): boolean {
    return this.statements.updateSecret.run(secretBox, apiKey).changes > 0
  }

  /** Refuses to deactivate the account's last active credential. */
  updateStatus(apiKey: string, status: CredentialStatus): GuardedChange {
    return this.guarded(apiKey, status === 'inactive', (current) => {
      if (current.status !== status) this.statements.updateStatus.run(status, apiKey)
    })
  }

  /** Refuses to delete the account's last active credential. */
  remove(apiKey: string): GuardedChange {
    return this.guarded(apiKey, true, () => {
      this.statements.remove.run(apiKey)
    })
  }

  getSetting(name: string): Uint8Array | undefined {
    const value = this.statements.getSetting.get(name)?.value
    return value instanceof Uint8Array ? value : undefined
  }

  putSetting(name: string, value: Uint8Array): void {
    this.statements.putSetting.run(name, value)
  }

  close(): void {
    this.db.close()
  }

  private guarded(
    apiKey: string,
    removesActive: boolean,
    change: (current: CredentialRow) => void,
  ): GuardedChange {
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const current = this.get(apiKey)
      let outcome: GuardedChange = 'done'
      if (!current) {
        outcome = 'not-found'
      } else if (
        removesActive &&
        current.status === 'active' &&
        Number(this.statements.otherActive.get(apiKey)?.n ?? 0) === 0
      ) {
        outcome = 'last-active'
      } else {
        change(current)
      }
      this.db.exec('COMMIT')
      return outcome
    } catch (error) {
      this.db.exec('ROLLBACK')
      throw error
    }
  }
}

function toCredential(row: Record<string, unknown>): CredentialRow {
  const box = row.secret_box
  return {
    apiKey: String(row.api_key),
    // better-sqlite3 returns a Buffer, the others a Uint8Array; both are Uint8Arrays.
    secretBox: box instanceof Uint8Array ? box : new Uint8Array(0),
    status: row.status === 'active' ? 'active' : 'inactive',
    dateCreated: String(row.date_created),
  }
}
