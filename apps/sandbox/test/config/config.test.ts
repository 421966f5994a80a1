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
