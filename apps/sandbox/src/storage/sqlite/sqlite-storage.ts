import type { AccountNumber, NewCredential, Readiness, Stores } from '../../domain/storage.js'
import { readinessAt } from '../migrations.js'
import { ProcessControl } from '../process-control.js'
import { ReplayLedger, type ReplayOptions, replayCapacity } from '../replay-ledger.js'
import { currentVersion, migrate } from './migrations.js'
import type { SqlDriver } from './sql-driver.js'
import { SqliteCredentialStore } from './sqlite-credential-store.js'

/**
 * The stores on SQLite, through any SqlDriver. Durability: WAL with synchronous=FULL, so a write
 * acknowledged to a client has been fsynced and survives `kill -9` or power loss. The credentials
 * are in the file; the replay ledger, the clock and the fault rules live in memory: the file is
 * this process's alone (locking_mode EXCLUSIVE), so no other process could share them, and a
 * signed request costs no write.
 */
export class SqliteStorage implements Stores {
  readonly shared = false
  /** The schema versions this start applied. */
  readonly migrated: number[]
  readonly credentials: SqliteCredentialStore
  readonly replayLedger: ReplayLedger
  readonly controlState = new ProcessControl()

  constructor(
    private readonly db: SqlDriver,
    readonly location: string,
    options: ReplayOptions = {},
  ) {
    if (location !== ':memory:') {
      // The sandbox owns its database: holding the lock for the connection's life makes a second
      // sandbox on the same file fail at start instead of interleaving writes.
      db.exec('PRAGMA locking_mode = EXCLUSIVE')
      db.exec('PRAGMA journal_mode = WAL')
    }
    db.exec('PRAGMA synchronous = FULL')
    db.exec('PRAGMA foreign_keys = ON')
    // No busy timeout: a database another process holds is reported at start, not waited for.
    this.migrated = migrate(db)
    this.credentials = new SqliteCredentialStore(db)
    this.replayLedger = new ReplayLedger(replayCapacity(options))
  }

  get driver(): string {
    return this.db.name
  }

  async reset(first: NewCredential): Promise<AccountNumber> {
    const account = this.credentials.resetAccounts(first)
    this.replayLedger.clear()
    this.controlState.reset()
    return account
  }

  /** One process owns the file: its start-up steps never meet another's. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    return work()
  }

  async readiness(): Promise<Readiness> {
    return readinessAt(currentVersion(this.db))
  }

  async close(): Promise<void> {
    this.db.close()
  }
}
