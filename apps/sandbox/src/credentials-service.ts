import { Buffer } from 'node:buffer'
import type { Schemas } from './api-types.js'
import { generateApiKey, generateApiSecret } from './crypto/random-keys.js'
import type { SecretBox } from './crypto/secret-box.js'
import type {
  CredentialRow,
  CredentialStatus,
  CredentialStore,
  GuardedChange,
} from './storage/credential-store.js'

/** Opened secrets kept at most; past it the whole cache starts over. */
const OPENED_LIMIT = 4096

/** The account's credentials, with secrets sealed at rest. */
export class CredentialsService {
  /**
   * Secrets already opened, by credential and the exact sealed bytes they came from: a
   * regenerated secret is sealed anew, so a stale one is never served. Every signed request
   * needs its key's secret, and opening one (AES-GCM) is most of the sandbox's own work on a
   * request (pnpm bench).
   */
  private readonly opened = new Map<string, string>()

  constructor(
    private readonly store: CredentialStore,
    private readonly box: SecretBox,
    private readonly now: () => number = Date.now,
  ) {}

  async create(fixed?: { apiKey: string; apiSecret: string }): Promise<Schemas['CredentialKeys']> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const apiKey = fixed?.apiKey ?? generateApiKey()
      const apiSecret = fixed?.apiSecret ?? generateApiSecret()
      const inserted = this.store.insert({
        apiKey,
        secretBox: await this.box.seal(apiSecret, apiKey),
        status: 'active',
        dateCreated: new Date(this.now()).toISOString(),
      })
      if (inserted) return { apiKey, apiSecret }
      if (fixed) throw new Error(`A credential with apiKey ${apiKey} already exists.`)
    }
    throw new Error('Could not generate a unique apiKey in 5 attempts.')
  }

  async info(apiKey: string): Promise<Schemas['CredentialInfo'] | undefined> {
    const row = this.store.get(apiKey)
    if (!row) return undefined
    return {
      apiKey: row.apiKey,
      apiSecret: await this.secretOf(row),
      credentialStatus: row.status,
      dateCreated: row.dateCreated,
    }
  }

  /** Status and secret of the key that signs a request, or undefined when it does not exist. */
  async signingKey(
    apiKey: string,
  ): Promise<{ status: CredentialStatus; secret: string } | undefined> {
    const row = this.store.get(apiKey)
    if (!row) return undefined
    return { status: row.status, secret: await this.secretOf(row) }
  }

  async regenerate(apiKey: string): Promise<Schemas['CredentialKeys'] | undefined> {
    const apiSecret = generateApiSecret()
    const updated = this.store.updateSecret(apiKey, await this.box.seal(apiSecret, apiKey))
    return updated ? { apiKey, apiSecret } : undefined
  }

  async list(): Promise<Schemas['CredentialList']> {
    const credentials: Schemas['CredentialList']['credentials'] = {}
    for (const row of this.store.list()) {
      credentials[row.apiKey] = {
        apiSecret: await this.secretOf(row),
        credentialStatus: row.status,
        dateCreated: row.dateCreated,
      }
    }
    return { credentials }
  }

  updateStatus(apiKey: string, status: CredentialStatus): GuardedChange {
    return this.store.updateStatus(apiKey, status)
  }

  remove(apiKey: string): GuardedChange {
    return this.store.remove(apiKey)
  }

  private async secretOf(row: CredentialRow): Promise<string> {
    const sealed = `${row.apiKey} ${Buffer.from(row.secretBox).toString('base64')}`
    let secret = this.opened.get(sealed)
    if (secret === undefined) {
      secret = await this.box.open(row.secretBox, row.apiKey)
      if (this.opened.size >= OPENED_LIMIT) this.opened.clear()
      this.opened.set(sealed, secret)
    }
    return secret
  }
}
