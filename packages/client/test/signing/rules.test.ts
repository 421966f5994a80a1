import { credentialsContract } from '@solapi/credentials-spec'
import { describe, expect, it } from 'vitest'
import {
  DATE_PATTERN,
  DEFAULT_ALGORITHM,
  SALT_ALPHABET,
  SALT_MAX_LENGTH,
  SALT_MIN_LENGTH,
  SALT_PATTERN,
  SIGNING_ALGORITHMS,
} from '../../src/generated/signing-rules.js'
import { signAuthorization } from '../../src/index.js'

const signing = credentialsContract.signing

describe('signing rules', () => {
  it('equal the spec x-solapi-signing', () => {
    expect(SIGNING_ALGORITHMS).toEqual(signing.algorithms.map((a) => a.name))
    expect(DEFAULT_ALGORITHM).toBe(signing.defaultAlgorithm)
    expect(SALT_PATTERN.source).toBe(signing.salt.pattern)
    expect(SALT_PATTERN.flags).toBe(signing.saltPattern.flags)
    expect([SALT_MIN_LENGTH, SALT_MAX_LENGTH]).toEqual([
      signing.salt.minLength,
      signing.salt.maxLength,
    ])
    expect(DATE_PATTERN.source).toBe(signing.date.pattern)
    expect(DATE_PATTERN.flags).toBe(signing.datePattern.flags)
    expect(signing.signingString).toBe('{date}{salt}')
    expect(signing.signatureEncoding).toBe('hex-lowercase')
    expect(signing.headerFormat).toBe(
      '{algorithm} apiKey={apiKey}, date={date}, salt={salt}, signature={signature}',
    )
  })

  it('draw salts from exactly the 64 characters the spec salt pattern accepts', () => {
    expect(SALT_ALPHABET).toHaveLength(64)
    expect(new Set(SALT_ALPHABET).size).toBe(64)
    expect(SALT_ALPHABET.repeat(2).slice(0, SALT_MAX_LENGTH)).toMatch(signing.saltPattern)
    for (let code = 0x20; code < 0x7f; code++) {
      const c = String.fromCharCode(code)
      expect(signing.saltPattern.test(c.repeat(SALT_MIN_LENGTH)), c).toBe(SALT_ALPHABET.includes(c))
    }
  })

  it.each(SIGNING_ALGORITHMS)('reproduce the spec worked example with %s', (algorithm) => {
    const example = signing.workedExample
    const header = signAuthorization({ ...example, algorithm })
    expect(header).toBe(
      credentialsContract.formatAuthorization({
        algorithm,
        apiKey: example.apiKey,
        date: example.date,
        salt: example.salt,
        signature: example.signatures[algorithm] ?? '',
      }),
    )
  })
})
