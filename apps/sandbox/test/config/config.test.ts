import { describe, expect, it } from 'vitest'
import { readConfig } from '../../src/config.js'
import { TEST_CREDENTIAL } from '../support/signing.js'

const keys = (apiKey: string, apiSecret: string) => ({
  SANDBOX_API_KEY: apiKey,
  SANDBOX_API_SECRET: apiSecret,
})

describe('readConfig', () => {
  it('takes a bootstrap credential of the shape the spec gives ApiKey and ApiSecret', () => {
    const { options } = readConfig(keys(TEST_CREDENTIAL.apiKey, TEST_CREDENTIAL.apiSecret))
    expect({ apiKey: options.apiKey, apiSecret: options.apiSecret }).toEqual(TEST_CREDENTIAL)
  })

  it.each([
    ['a lower-case key', keys('ncssandboxtest01', TEST_CREDENTIAL.apiSecret), 'SANDBOX_API_KEY'],
    ['a short key', keys('NCS1', TEST_CREDENTIAL.apiSecret), 'SANDBOX_API_KEY'],
    [
      'a long secret',
      keys(TEST_CREDENTIAL.apiKey, `${TEST_CREDENTIAL.apiSecret}X`),
      'SANDBOX_API_SECRET',
    ],
  ])('refuses %s with one sentence naming the variable, never the value', (_, env, name) => {
    expect(() => readConfig(env)).toThrow(new RegExp(`^${name} must match \\^\\[A-Z0-9\\]`))
    expect(() => readConfig(env)).not.toThrow(TEST_CREDENTIAL.apiSecret)
  })
})

describe('the control API setting', () => {
  it('is on with a random token on a loopback address', () => {
    for (const host of [undefined, '127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) {
      const { control, options } = readConfig({ HOST: host })
      expect(control).toEqual({
        on: true,
        token: expect.stringMatching(/^[\w-]{43}$/),
        from: 'random',
      })
      expect(options.controlToken).toBe(control.on ? control.token : undefined)
    }
    expect(readConfig({}).options.controlToken).not.toBe(readConfig({}).options.controlToken)
  })

  it('takes SANDBOX_CONTROL_TOKEN as the token, on any address', () => {
    const token = 'a-fixed-control-token-for-tests'
    for (const host of ['127.0.0.1', '0.0.0.0', '192.168.1.20']) {
      const { control } = readConfig({ HOST: host, SANDBOX_CONTROL_TOKEN: token })
      expect(control).toEqual({ on: true, token, from: 'SANDBOX_CONTROL_TOKEN' })
    }
  })

  it('is off on an address other machines reach unless SANDBOX_CONTROL_TOKEN is set', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'sandbox.example.com']) {
      const { control, options } = readConfig({ HOST: host })
      expect(control).toEqual({
        on: false,
        reason: `HOST ${host} is not a loopback address and SANDBOX_CONTROL_TOKEN is not set`,
      })
      expect([options.control, options.controlToken]).toEqual([false, undefined])
    }
  })

  it('is off with SANDBOX_CONTROL=off, token or not', () => {
    const env = { SANDBOX_CONTROL: 'off', SANDBOX_CONTROL_TOKEN: 'a-fixed-control-token-for-tests' }
    expect(readConfig(env).control).toEqual({ on: false, reason: 'SANDBOX_CONTROL=off' })
  })

  it.each([
    [{ SANDBOX_CONTROL: 'yes' }, 'SANDBOX_CONTROL must be on or off (or unset, which is on).'],
    [
      { SANDBOX_CONTROL_TOKEN: 'short' },
      'SANDBOX_CONTROL_TOKEN must be 16 to 256 characters from A-Z a-z 0-9 . _ ~ + / - (then = padding); got 5 characters.',
    ],
  ])('refuses %o in one sentence', (env, message) => {
    expect(() => readConfig(env)).toThrow(message)
  })

  it('names SANDBOX_CONTROL and its rule but never echoes its value, which may be a token', () => {
    const pasted = 'Xq7-control-token-pasted-into-the-wrong-variable'
    let message = ''
    try {
      readConfig({ SANDBOX_CONTROL: pasted })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/^SANDBOX_CONTROL must be on or off/)
    // No piece of it either: the old message quoted its first 20 characters.
    expect(message).not.toContain(pasted.slice(0, 5))
  })

  it('keeps data in memory unless DATABASE names a file', () => {
    expect(readConfig({}).options.database).toBe(':memory:')
    expect(readConfig({ DATABASE: 'kept.db' }).options.database).toBe('kept.db')
  })
})

describe('the database setting', () => {
  const url = 'postgres://sandbox:secret-password@db.internal:5432/sandbox'
  const key = { SANDBOX_MASTER_KEY: 'ab'.repeat(32) }

  it('takes a PostgreSQL URL from DATABASE_URL or DATABASE, with a master key', () => {
    expect(readConfig({ DATABASE_URL: url, ...key }).options.database).toBe(url)
    expect(readConfig({ DATABASE: url, ...key }).options.database).toBe(url)
    const postgresql = url.replace('postgres:', 'postgresql:')
    expect(readConfig({ DATABASE_URL: postgresql, ...key }).options.database).toBe(postgresql)
    // Either variable may also name a SQLite file; both set to one value is no conflict.
    expect(readConfig({ DATABASE_URL: 'kept.db' }).options.database).toBe('kept.db')
    expect(readConfig({ DATABASE: url, DATABASE_URL: url, ...key }).names.database).toBe(
      'DATABASE_URL',
    )
  })

  it.each([
    [
      { DATABASE_URL: url },
      'With PostgreSQL, set SANDBOX_MASTER_KEY: every instance on the database must seal secrets with the same key, and there is no file beside a URL to keep one in.',
    ],
    [
      { DATABASE_URL: url, ...key, SANDBOX_REPLAY_CAPACITY: '1024' },
      'SANDBOX_REPLAY_CAPACITY sizes the in-memory replay ledger of SQLite; with PostgreSQL the ledger is a table, swept of expired rows. Unset it.',
    ],
    [
      { DATABASE_URL: url, DATABASE: 'kept.db' },
      'DATABASE and DATABASE_URL are both set, to different values; set one.',
    ],
  ])('refuses %o in one sentence, never showing the URL', (env, message) => {
    expect(() => readConfig(env)).toThrow(message)
    expect(() => readConfig(env)).not.toThrow(/secret-password|db\.internal/)
  })
})

describe('the CORS settings', () => {
  it('reads SANDBOX_CORS_ORIGINS as a comma-separated list, none as no grant, unset as the default', () => {
    const listed = readConfig({ SANDBOX_CORS_ORIGINS: 'https://app.example, loopback,*' })
    expect(listed.options.corsOrigins).toEqual(['https://app.example', 'loopback', '*'])
    expect(readConfig({ SANDBOX_CORS_ORIGINS: 'none' }).options.corsOrigins).toEqual([])
    expect(readConfig({}).options.corsOrigins).toBeUndefined()
    expect(
      readConfig({ SANDBOX_CONTROL_CORS_ORIGINS: 'http://localhost:5173' }).options
        .controlCorsOrigins,
    ).toEqual(['http://localhost:5173'])
    expect(readConfig({}).options.controlCorsOrigins).toBeUndefined()
  })

  it.each([
    [
      'SANDBOX_CORS_ORIGINS',
      'loopback,https://app.example/console',
      /^SANDBOX_CORS_ORIGINS: entry 2 /,
    ],
    ['SANDBOX_CONTROL_CORS_ORIGINS', 'app.example', /^SANDBOX_CONTROL_CORS_ORIGINS: entry 1 /],
  ])(
    'refuses a bad %s naming the variable and the entry, not its value',
    (name, value, message) => {
      expect(() => readConfig({ [name]: value })).toThrow(message)
      expect(() => readConfig({ [name]: value })).not.toThrow(/app\.example/)
    },
  )
})
