import { Buffer } from 'node:buffer'
import { generateApiKey, generateApiSecret } from '../crypto/random-keys.js'
import type { SecretBox } from '../crypto/secret-box.js'
import type { Schemas } from './api-types.js'
import type {
  AccountNumber,
  CredentialRecord,
  CredentialStatus,
  GuardedChange,
  InsertOutcome,
  Stores,
} from './storage.js'

/**
 * Opened secrets kept at most; past it the least recently used go first. Large enough that a
 * heavy account's whole list stays opened: clearing the cache all at once made every list of an
 * account with more keys than it held open every secret again, on every call.
 */
export const OPENED_LIMIT = 65_536

/**
 * Credentials an account may hold unless SANDBOX_MAX_CREDENTIALS_PER_ACCOUNT says otherwise:
 * far more than any test suite or integration rotates through, and few enough that one account
 * cannot fill a hosted sandbox's database or make its own list answer megabytes.
 */
export const DEFAULT_MAX_CREDENTIALS_PER_ACCOUNT = 1000

/** createCredential refused: the account holds `limitReached` credentials, the most it may. */
export interface CredentialLimitReached {
  limitReached: number
}

export interface Keys {
  apiKey: string
  apiSecret: string
}

/** The accounts and their credentials, with secrets sealed at rest. */
export class CredentialsService {
  /**
   * Secrets already opened, by credential and the exact sealed bytes they came from: a
   * regenerated secret is sealed anew, so a stale one is never served. Every signed request
   * needs its key's secret, and opening one (AES-GCM) is most of the sandbox's own work on a
   * request (pnpm bench).
   */
  private readonly opened = new Map<string, Promise<string>>()

  private readonly now: () => number
  private readonly maxPerAccount: number
  private readonly storage: Stores['credentials']
  private readonly resetStores: Stores['reset']

  /** `stores`: the credential store, and the reset that empties it with the others. */
  constructor(
    stores: Pick<Stores, 'credentials' | 'reset'>,
    private readonly box: SecretBox,
    options: { now?: () => number; maxPerAccount?: number } = {},
  ) {
    this.storage = stores.credentials
    this.resetStores = (first) => stores.reset(first)
    this.now = options.now ?? Date.now
    this.maxPerAccount = options.maxPerAccount ?? DEFAULT_MAX_CREDENTIALS_PER_ACCOUNT
  }

  /** A new account with one active credential: `fixed` parts as given, the rest made up. */
  async createAccount(
    fixed: Partial<Keys> = {},
  ): Promise<({ account: AccountNumber } & Keys) | 'key-taken'> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const keys = {
        apiKey: fixed.apiKey ?? generateApiKey(),
        apiSecret: fixed.apiSecret ?? generateApiSecret(),
      }
      const account = await this.storage.createAccount({
        apiKey: keys.apiKey,
        secretBox: await this.box.seal(keys.apiSecret, keys.apiKey),
        status: 'active',
        dateCreated: this.isoNow(),
      })
      if (account !== 'key-taken') return { account, ...keys }
      if (fixed.apiKey) return 'key-taken'
    }
    throw new Error('Could not generate a unique apiKey in 5 attempts.')
  }

  /**
   * Every account and key gone, then the first account again with `keys` as its one active
   * credential; the replay ledger is emptied with them.
   */
  async reset(keys: Keys): Promise<AccountNumber> {
    return this.resetStores({
      apiKey: keys.apiKey,
      secretBox: await this.box.seal(keys.apiSecret, keys.apiKey),
      status: 'active',
      dateCreated: this.isoNow(),
    })
  }

  /**
   * A fixture credential, exactly as given. Not held to the per-account cap: fixtures are the
   * operator's (the control API), and a test may seed past the cap to check what clients see.
   */
  seed(
    account: AccountNumber,
    credential: Keys & { status?: CredentialStatus; dateCreated?: string },
  ): Promise<{ outcome: InsertOutcome; status: CredentialStatus; dateCreated: string }> {
    return this.insert(account, credential)
  }

  /**
   * A new active credential, unless the account holds maxPerAccount already: the store counts
   * and inserts in one atomic step, so concurrent creates never pass the cap together.
   */
  async create(
    account: AccountNumber,
  ): Promise<Schemas['CredentialKeys'] | CredentialLimitReached> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const keys = { apiKey: generateApiKey(), apiSecret: generateApiSecret() }
      const { outcome } = await this.insert(account, keys, this.maxPerAccount)
      if (outcome === 'inserted') return keys
      if (outcome === 'limit-reached') return { limitReached: this.maxPerAccount }
      if (outcome === 'no-account') throw new Error(`Account ${account} does not exist.`)
    }
    throw new Error('Could not generate a unique apiKey in 5 attempts.')
  }

  private async insert(
    account: AccountNumber,
    credential: Keys & { status?: CredentialStatus; dateCreated?: string },
    maxPerAccount?: number,
  ): Promise<{ outcome: InsertOutcome; status: CredentialStatus; dateCreated: string }> {
    const status = credential.status ?? 'active'
    const dateCreated = credential.dateCreated ?? this.isoNow()
    const record = {
      account,
      apiKey: credential.apiKey,
      secretBox: await this.box.seal(credential.apiSecret, credential.apiKey),
      status,
      dateCreated,
    }
    const outcome = await this.storage.insertCredential(
      record,
      maxPerAccount === undefined ? {} : { maxPerAccount },
    )
    return { outcome, status, dateCreated }
  }

  async info(account: AccountNumber, apiKey: string) {
    const row = await this.storage.getCredential(account, apiKey)
    if (!row) return undefined
    return {
      apiKey: row.apiKey,
      apiSecret: await this.secretOf(row),
      credentialStatus: row.status,
      dateCreated: row.dateCreated,
    } satisfies Schemas['CredentialInfo']
  }

  /** The account, status and secret of the key that signs a request; undefined if none. */
  async signer(
    apiKey: string,
  ): Promise<{ account: AccountNumber; status: CredentialStatus; secret: string } | undefined> {
    const row = await this.storage.findSigner(apiKey)
    if (!row) return undefined
    return { account: row.account, status: row.status, secret: await this.secretOf(row) }
  }

  /** A new secret for the key; the new one is sealed before the lookup, found or not. */
  async regenerate(account: AccountNumber, apiKey: string) {
    const apiSecret = generateApiSecret()
    const sealed = await this.box.seal(apiSecret, apiKey)
    const updated = await this.storage.updateSecret(account, apiKey, sealed)
    return updated ? ({ apiKey, apiSecret } satisfies Schemas['CredentialKeys']) : undefined
  }

  async list(account: AccountNumber): Promise<Schemas['CredentialList']> {
    const credentials: Schemas['CredentialList']['credentials'] = {}
    const rows = await this.storage.listCredentials(account)
    // Opened together rather than one after another; each at most once (secretOf).
    const secrets = await Promise.all(rows.map((row) => this.secretOf(row)))
    rows.forEach((row, index) => {
      credentials[row.apiKey] = {
        apiSecret: secrets[index] as string,
        credentialStatus: row.status,
        dateCreated: row.dateCreated,
      }
    })
    return { credentials }
  }

  updateStatus(
    account: AccountNumber,
    apiKey: string,
    status: CredentialStatus,
  ): Promise<GuardedChange> {
    return this.storage.updateStatus(account, apiKey, status)
  }

  remove(account: AccountNumber, apiKey: string): Promise<GuardedChange> {
    return this.storage.deleteCredential(account, apiKey)
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString()
  }

  /**
   * The row's secret, opened once: requests that need it at the same time (concurrent lists of
   * one account) share one opening. A secret that fails to open is not kept.
   */
  private secretOf(row: CredentialRecord): Promise<string> {
    const sealed = `${row.apiKey} ${Buffer.from(row.secretBox).toString('base64')}`
    let secret = this.opened.get(sealed)
    if (secret === undefined) {
      secret = this.box.open(row.secretBox, row.apiKey)
      secret.catch(() => this.opened.delete(sealed))
      if (this.opened.size >= OPENED_LIMIT) {
        this.opened.delete(this.opened.keys().next().value as string)
      }
    } else {
      // Most recently used last: the Map's order is the eviction order.
      this.opened.delete(sealed)
    }
    this.opened.set(sealed, secret)
    return secret
  }
}
