import { generateApiKey, generateApiSecret } from '../crypto/random-keys.js'
import type { SecretBox } from '../crypto/secret-box.js'
import type { CredentialsService, Keys } from './credentials-service.js'
import type { CredentialStore } from './storage.js'

const SETTING = 'bootstrap-credential'

export type BootstrapOrigin = 'configured' | 'generated' | 'stored'

/**
 * The bootstrap credential: the first account's first key, which reset brings back. It is the
 * configured one (apiKey/apiSecret, SANDBOX_API_KEY/SANDBOX_API_SECRET) when given, else the one
 * this database was bootstrapped with (kept sealed in its settings), else a new random one.
 */
export class Bootstrap {
  private known: Keys | undefined

  constructor(
    private readonly storage: Pick<
      CredentialStore,
      'countCredentials' | 'getSetting' | 'putSetting'
    >,
    private readonly box: SecretBox,
    private readonly credentials: CredentialsService,
    private readonly configured: Keys | undefined,
  ) {}

  /** Creates the bootstrap in an empty database; says which credential it is and where from. */
  async ensure(): Promise<{ keys: Keys; created: boolean; origin: BootstrapOrigin }> {
    if ((await this.storage.countCredentials()) === 0) {
      const keys = this.configured ?? { apiKey: generateApiKey(), apiSecret: generateApiSecret() }
      // Kept before the account is made: a start cut off in between leaves the database empty,
      // and the next start bootstraps it anew.
      await this.store(keys)
      // An empty database has no key for the bootstrap's to collide with.
      const created = await this.credentials.createAccount(keys)
      if (created === 'key-taken') throw new Error('The bootstrap apiKey already exists.')
      this.known = keys
      return { keys, created: true, origin: this.configured ? 'configured' : 'generated' }
    }
    const keys = this.configured ?? (await this.stored())
    if (!keys)
      throw new Error(
        'The database has credentials but no bootstrap credential: it was not made by this sandbox.',
      )
    this.known = keys
    return { keys, created: false, origin: this.configured ? 'configured' : 'stored' }
  }

  /** Reset: every account and key gone, then the first account with the bootstrap again. */
  async restore(): Promise<void> {
    const keys = this.known ?? (await this.ensure()).keys
    await this.credentials.reset(keys)
  }

  private async store(keys: Keys): Promise<void> {
    const sealed = await this.box.seal(JSON.stringify(keys), SETTING)
    await this.storage.putSetting(SETTING, sealed)
  }

  private async stored(): Promise<Keys | undefined> {
    const sealed = await this.storage.getSetting(SETTING)
    return sealed ? (JSON.parse(await this.box.open(sealed, SETTING)) as Keys) : undefined
  }
}
