// The quota settings from the environment (the bin) and from code: read, and each mistake
// refused in one sentence naming the setting the caller used.
import { describe, expect, it } from 'vitest'
import { readConfig } from '../../src/config.js'
import { checkOptions } from '../../src/settings.js'

const POSTGRES = { DATABASE_URL: 'postgres://sandbox@db.internal:5432/sandbox' }
const MASTER_KEY = { SANDBOX_MASTER_KEY: 'ab'.repeat(32) }

describe('quota settings', () => {
  it('reads the cap of credentials and the replay share from the environment', () => {
    const { options } = readConfig({
      SANDBOX_MAX_CREDENTIALS_PER_ACCOUNT: '50',
      SANDBOX_REPLAY_CAPACITY: '4096',
      SANDBOX_REPLAY_CAPACITY_PER_ACCOUNT: '256',
    })
    expect(options).toMatchObject({
      maxCredentialsPerAccount: 50,
      replayCapacity: 4096,
      replayCapacityPerAccount: 256,
    })
    // Unset: the defaults are the sandbox's, not the config's.
    expect(readConfig({}).options).not.toHaveProperty('maxCredentialsPerAccount')
  })

  it.each([
    ['SANDBOX_MAX_CREDENTIALS_PER_ACCOUNT', '0', 'from 1 to 1000000; got 0.'],
    ['SANDBOX_MAX_CREDENTIALS_PER_ACCOUNT', 'many', 'from 1 to 1000000; got NaN.'],
    ['SANDBOX_MAX_CREDENTIALS_PER_ACCOUNT', '1000001', 'from 1 to 1000000; got 1000001.'],
    ['SANDBOX_REPLAY_CAPACITY_PER_ACCOUNT', '0', 'from 1 to 67108864; got 0.'],
    ['SANDBOX_REPLAY_CAPACITY_PER_ACCOUNT', '1.5', 'from 1 to 67108864; got 1.5.'],
  ])('refuses %s=%s, naming the variable', (name, value, rule) => {
    expect(() => readConfig({ [name]: value })).toThrow(`${name} must be an integer ${rule}`)
  })

  it('names the option when the setting comes from code', () => {
    expect(() => checkOptions({ replayCapacityPerAccount: -1 })).toThrow(
      'replayCapacityPerAccount must be an integer from 1 to 67108864; got -1.',
    )
  })

  it('refuses a replay share with PostgreSQL, whose ledger is a table, and takes the cap there', () => {
    expect(() =>
      readConfig({ ...POSTGRES, ...MASTER_KEY, SANDBOX_REPLAY_CAPACITY_PER_ACCOUNT: '64' }),
    ).toThrow(
      'SANDBOX_REPLAY_CAPACITY_PER_ACCOUNT sizes the in-memory replay ledger of SQLite; with PostgreSQL the ledger is a table, swept of expired rows. Unset it.',
    )
    const { options } = readConfig({
      ...POSTGRES,
      ...MASTER_KEY,
      SANDBOX_MAX_CREDENTIALS_PER_ACCOUNT: '10',
    })
    expect(options.maxCredentialsPerAccount).toBe(10)
  })
})
