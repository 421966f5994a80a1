import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { signAuthorization } from '../../src/index.js'
import {
  DATE_PATTERN,
  DEFAULT_ALGORITHM,
  MAX_CLOCK_SKEW_SECONDS,
  SALT_MAX_LENGTH,
  SALT_MIN_LENGTH,
  SALT_PATTERN,
  SIGNING_ALGORITHMS,
} from '../../src/signing/rules.js'

const spec = JSON.parse(
  readFileSync(new URL('../../../../spec/dist/openapi.json', import.meta.url), 'utf8'),
)
const signing = spec.components.securitySchemes.hmacAuthorization['x-solapi-signing']

describe('signing rules', () => {
  it('equal the spec x-solapi-signing', () => {
    expect(SIGNING_ALGORITHMS).toEqual(signing.algorithms.map((a: { name: string }) => a.name))
    expect(DEFAULT_ALGORITHM).toBe(signing.defaultAlgorithm)
    expect(SALT_PATTERN.source).toBe(signing.salt.pattern)
    expect([SALT_MIN_LENGTH, SALT_MAX_LENGTH]).toEqual([
      signing.salt.minLength,
      signing.salt.maxLength,
    ])
    expect(DATE_PATTERN.source).toBe(signing.date.pattern)
    expect(MAX_CLOCK_SKEW_SECONDS).toBe(signing.maxClockSkewSeconds)
    expect(signing.signingString).toBe('{date}{salt}')
    expect(signing.signatureEncoding).toBe('hex-lowercase')
    expect(signing.headerFormat).toBe(
      '{algorithm} apiKey={apiKey}, date={date}, salt={salt}, signature={signature}',
    )
  })

  it.each(SIGNING_ALGORITHMS)('reproduce the spec worked example with %s', (algorithm) => {
    const example = signing.workedExample
    const header = signAuthorization({ ...example, algorithm })
    expect(header).toBe(
      signing.headerFormat
        .replace('{algorithm}', algorithm)
        .replace('{apiKey}', example.apiKey)
        .replace('{date}', example.date)
        .replace('{salt}', example.salt)
        .replace('{signature}', example.signatures[algorithm]),
    )
  })
})
