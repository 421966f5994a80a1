// Everything the sandbox keeps, behind one asynchronous interface: accounts, their credentials
// (secrets sealed by the caller), settings and the replay ledger. The service layer awaits every
// call and assumes nothing synchronous, so that a store on a connection pool (PostgreSQL) can sit
// beside the SQLite one. Each method is one atomic step: a guarded change checks and writes in
// one transaction.

export type CredentialStatus = 'active' | 'inactive'

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

export type InsertOutcome = 'inserted' | 'key-taken' | 'no-account'

/** A verified signature: new (now recorded), seen before, or not recordable (ledger full). */
export type ReplayVerdict = 'fresh' | 'duplicate' | 'full'

export interface Storage {
  /** Which library holds the data, for the start line and the logs. */
  readonly driver: string
  /** Where: a file, or `:memory:`. */
  readonly location: string

  /** A new account holding `first`, or 'key-taken' when its apiKey exists in any account. */
  createAccount(first: NewCredential): Promise<AccountNumber | 'key-taken'>
  insertCredential(record: CredentialRecord): Promise<InsertOutcome>
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

  /**
   * Records a verified signature until `expiresAtMs` unless it is a replay. Times are the
   * sandbox clock's, in ms since the epoch.
   */
  recordSignature(signature: string, expiresAtMs: number, nowMs: number): Promise<ReplayVerdict>

  /**
   * Removes every account, credential and recorded signature (settings stay), then creates the
   * first account again holding `first`; returns that account, in one atomic step.
   */
  reset(first: NewCredential): Promise<AccountNumber>
  close(): Promise<void>
}
