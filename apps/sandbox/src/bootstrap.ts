import type { CredentialsService, Keys } from './credentials-service.js'
import type { SecretBox } from './crypto/secret-box.js'
import type { Storage } from './storage/storage.js'

const SETTING = 'bootstrap-credential'
const FIRST_ACCOUNT = 1

export type BootstrapOrigin = 'configured' | 'generated' | 'stored'

/**
 * The bootstrap credential: the first account's first key, which reset brings back. It is the
 * configured one (apiKey/apiSecret, SANDBOX_API_KEY/SANDBOX_API_SECRET) when given, else the one
 * this database was bootstrapped with (kept sealed in its settings), else a new random one. A
 * database from before the sandbox kept it adopts the first account's first active key.
 */
export class Bootstrap {
  private known: Keys | undefined

  constructor(
    private readonly storage: Storage,
    private readonly box: SecretBox,
    private readonly credentials: CredentialsService,
    private readonly configured: Keys | undefined,
  ) {}

  /** Creates the bootstrap in an empty database; says which credential it is and where from. */
  async ensure(): Promise<{ keys: Keys; created: boolean; origin: BootstrapOrigin }> {
    if ((await this.storage.countCredentials()) === 0) {
      // An empty database has no key to collide with: made-up keys are retried, and a
      // configured one is free.
      const created = await this.credentials.createAccount(this.configured)
      if (created === 'key-taken') throw new Error('The bootstrap apiKey already exists.')
      const keys = { apiKey: created.apiKey, apiSecret: created.apiSecret }
      return this.remember(keys, true, this.configured ? 'configured' : 'generated')
    }
    if (this.configured) return this.remember(this.configured, false, 'configured')
    const stored = await this.stored()
    const keys = stored ?? (await this.firstActiveKey())
    if (!stored) await this.store(keys)
    this.known = keys
    return { keys, created: false, origin: 'stored' }
  }

  /** Reset: every account and key gone, then the first account with the bootstrap again. */
  async restore(): Promise<void> {
    const keys = this.known ?? (await this.ensure()).keys
    await this.credentials.reset(keys)
  }

  private async remember(keys: Keys, created: boolean, origin: BootstrapOrigin) {
    if (created) await this.store(keys)
    this.known = keys
    return { keys, created, origin }
  }

  private async store(keys: Keys): Promise<void> {
    const sealed = await this.box.seal(JSON.stringify(keys), SETTING)
    await this.storage.putSetting(SETTING, sealed)
  }

  private async stored(): Promise<Keys | undefined> {
    const sealed = await this.storage.getSetting(SETTING)
    return sealed ? (JSON.parse(await this.box.open(sealed, SETTING)) as Keys) : undefined
  }

  private async firstActiveKey(): Promise<Keys> {
    const { credentials } = await this.credentials.list(FIRST_ACCOUNT)
    const found = Object.entries(credentials).find(([, c]) => c.credentialStatus === 'active')
    if (!found)
      throw new Error('The database has credentials but no active one in its first account.')
    return { apiKey: found[0], apiSecret: found[1].apiSecret }
  }
}
