// Everything the sandbox keeps, in three small stores, each with two implementations side by
// side: SQLite (storage/sqlite/ and, for what one process keeps in memory, storage/), where one
// process owns the file, and PostgreSQL (storage/postgres/), where many instances share the
// database. The credential store holds accounts, their credentials (secrets sealed by the caller)
// and settings; the replay ledger the signatures seen; the control state the control API's clock
// and fault rules. `Stores` holds the three and what spans them: reset, start-up, health, close.
// Consumers take only the store they use and await every call, assuming nothing synchronous. Each
// method is one atomic step: a change that spans rows checks and writes in one transaction, so
// nothing is ever half-written.
import type { OperationId, Schemas } from './api-types.js'
import type { ActiveFault, FaultRule } from './faults.js'

/** Whether a key may sign: the spec's CredentialStatus. */
export type CredentialStatus = Schemas['CredentialStatus']

/** An account's number; the control API shows it as `acct_<number>`. */
export type AccountNumber = number

export interface CredentialRecord {
  account: AccountNumber
  apiKey: string
  /** The apiSecret, sealed (see SecretBox); the store never sees it in plain text. */
  secretBox: Uint8Array
  status: CredentialStatus
  dateCreated: string
}

export type NewCredential = Omit<CredentialRecord, 'account'>

/** How a change that must keep an active credential in the account went. */
export type GuardedChange = 'done' | 'not-found' | 'last-active'

/** 'limit-reached': the account already holds the `maxPerAccount` it was inserted with. */
export type InsertOutcome = 'inserted' | 'key-taken' | 'no-account' | 'limit-reached'

/**
 * A verified signature: new (now recorded), seen before, or not recordable: the signer's account
 * holds its whole share of the ledger, or the whole ledger is full ('sandbox'). `retryAfterMs`
 * is how long until the oldest record in the way expires and makes room.
 */
export type ReplayVerdict = 'fresh' | 'duplicate' | ReplayFull

export interface ReplayFull {
  full: 'account' | 'sandbox'
  retryAfterMs: number
}

/** The control API's clock: the real time moved by an offset, or frozen at an instant (ms). */
export interface ClockState {
  offsetMs: number
  frozenAtMs: number | null
}

/** The clock's setting when nobody moved it. */
export const REAL_TIME: ClockState = Object.freeze({ offsetMs: 0, frozenAtMs: null })

export type { ActiveFault, FaultRule }

/** What every request reads first: the clock, and whether any fault rule still applies. */
export interface ControlSnapshot {
  clock: ClockState
  faulty: boolean
}

/** Whether the database answers with the schema this code expects. */
export type Readiness =
  | { ready: true; schemaVersion: number }
  | { ready: false; schemaVersion: number; expected: number }

/** Accounts, their credentials and the settings: what the sandbox keeps across restarts. */
export interface CredentialStore {
  /** A new account holding `first`, or 'key-taken' when its apiKey exists in any account. */
  createAccount(first: NewCredential): Promise<AccountNumber | 'key-taken'>
  /**
   * Inserts `record` unless its apiKey exists in any account or, with `maxPerAccount`, its
   * account already holds that many credentials: counted and inserted in one atomic step, so
   * that concurrent inserts, from any instance, never pass it together.
   */
  insertCredential(
    record: CredentialRecord,
    options?: { maxPerAccount?: number },
  ): Promise<InsertOutcome>
  /** The credential with this apiKey in any account: how a request's signer is found. */
  findSigner(apiKey: string): Promise<CredentialRecord | undefined>
  /**
   * The credential with this apiKey in this account. Another account's key is found exactly as a
   * missing one is not: by the same single lookup on (account, apiKey).
   */
  getCredential(account: AccountNumber, apiKey: string): Promise<CredentialRecord | undefined>
  /** The account's credentials, oldest first. */
  listCredentials(account: AccountNumber): Promise<CredentialRecord[]>
  updateSecret(account: AccountNumber, apiKey: string, secretBox: Uint8Array): Promise<boolean>
  /** Refuses to deactivate the account's last active credential. */
  updateStatus(
    account: AccountNumber,
    apiKey: string,
    status: CredentialStatus,
  ): Promise<GuardedChange>
  /** Refuses to delete the account's last active credential. */
  deleteCredential(account: AccountNumber, apiKey: string): Promise<GuardedChange>
  countCredentials(): Promise<number>

  getSetting(name: string): Promise<Uint8Array | undefined>
  putSetting(name: string, value: Uint8Array): Promise<void>
}

/** The signatures already accepted, so that none is accepted twice within its replay window. */
export interface ReplayLedgerStore {
  /**
   * Records a verified signature of `apiKey` (a key of `account`) until `expiresAtMs` unless it
   * is a replay: the first to record it, in any instance, gets 'fresh'. Times are the sandbox
   * clock's, in ms since the epoch.
   */
  recordSignature(
    account: AccountNumber,
    apiKey: string,
    signature: string,
    expiresAtMs: number,
    nowMs: number,
  ): Promise<ReplayVerdict>
}

/** The control API's clock setting and fault rules: what steers every request. */
export interface ControlStateStore {
  /** The clock and whether a fault rule applies: read at the start of every request. */
  readControl(): Promise<ControlSnapshot>
  setClock(clock: ClockState): Promise<void>
  addFault(rule: FaultRule): Promise<ActiveFault>
  /**
   * Uses up one application of the oldest rule that matches `operation` and returns it with
   * what remains; undefined when none does. Counted exactly, however many take at once.
   */
  takeFault(operation: OperationId): Promise<ActiveFault | undefined>
  /** The rules that still apply, oldest first. */
  listFaults(): Promise<ActiveFault[]>
  clearFaults(): Promise<void>
}

/** The three stores of one database, and what spans them. */
export interface Stores {
  /** Which library holds the data, for the start line and the logs. */
  readonly driver: string
  /** Where: a file, `:memory:`, or a PostgreSQL URL without its password. */
  readonly location: string
  /**
   * Whether other sandboxes may share this database: then the clock and the fault rules live in
   * it and every instance sees the same ones.
   */
  readonly shared: boolean
  readonly credentials: CredentialStore
  readonly replayLedger: ReplayLedgerStore
  readonly controlState: ControlStateStore

  /**
   * Removes every account, credential, recorded signature and fault rule and sets the clock back
   * to the real time (settings stay), then creates the first account again holding `first`;
   * returns that account, in one atomic step.
   */
  reset(first: NewCredential): Promise<AccountNumber>
  /**
   * Runs `work` while no other sandbox on this database runs its own: the start-up steps (the
   * master key check, the bootstrap credential) of instances that start together.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>
  /** Throws StorageUnavailableError when the database does not answer. */
  readiness(): Promise<Readiness>
  close(): Promise<void>
}
