import { credentialsContract } from '@solapi/credentials-spec'
import { describe, expect, it } from 'vitest'
import { SALT_PATTERN } from '../../src/generated/signing-rules.js'
import {
  CredentialsError,
  createSigningMiddleware,
  redactAuthorization,
  signAuthorization,
  ValidationError,
} from '../../src/index.js'
import { randomSalt } from '../../src/signing/random-salt.js'
import { API_KEY, API_SECRET, verifyAuthorization } from '../helpers/scripted-fetch.js'
import vectors from './vectors.json' with { type: 'json' }

type Algorithm = 'HMAC-SHA256' | 'HMAC-MD5'

/** The parts of a header, by the contract's grammar; fails the test when it is refused. */
function parse(header: string) {
  const parsed = credentialsContract.parseAuthorization(header)
  if (!parsed.ok) throw new Error(`${parsed.code}: ${parsed.message}`)
  return parsed.value
}

describe('signAuthorization', () => {
  it('has at least 24 openssl vectors covering both algorithms', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(24)
    expect(new Set(vectors.map((v) => v.algorithm))).toEqual(new Set(['HMAC-SHA256', 'HMAC-MD5']))
  })

  it.each(vectors)('matches openssl: $algorithm $name', (v) => {
    const header = signAuthorization({ ...v, algorithm: v.algorithm as Algorithm })
    expect(header).toBe(
      `${v.algorithm} apiKey=${v.apiKey}, date=${v.date}, salt=${v.salt}, signature=${v.signature}`,
    )
  })

  it('defaults to HMAC-SHA256, the current time and a fresh salt', () => {
    const before = Date.now()
    const header = signAuthorization({ apiKey: API_KEY, apiSecret: 'S' })
    const { algorithm, apiKey, date, salt, signature } = parse(header)
    expect(algorithm).toBe('HMAC-SHA256')
    expect(apiKey).toBe(API_KEY)
    expect(Date.parse(date)).toBeGreaterThanOrEqual(before - 1)
    expect(Date.parse(date)).toBeLessThanOrEqual(Date.now())
    expect(salt).toMatch(SALT_PATTERN)
    expect(signature).toMatch(/^[0-9a-f]{64}$/)
    expect(verifyAuthorization(header, 'S').valid).toBe(true)
  })

  it('formats a Date argument as ISO 8601 in UTC', () => {
    const header = signAuthorization({
      apiKey: 'K',
      apiSecret: 'S',
      date: new Date(Date.UTC(2017, 7, 1, 11, 1, 7)),
      salt: '597fe0e36daeb',
    })
    expect(header).toContain('date=2017-08-01T11:01:07.000Z,')
  })

  it('signs every call with a new salt', () => {
    const salts = new Set(
      Array.from(
        { length: 200 },
        () => parse(signAuthorization({ apiKey: API_KEY, apiSecret: 'S' })).salt,
      ),
    )
    expect(salts.size).toBe(200)
  })

  it.each([
    [{ apiKey: '' }, 'apiKey', 'minLength'],
    [{ apiKey: 'A B' }, 'apiKey', 'pattern'],
    [{ apiKey: 'A,B' }, 'apiKey', 'pattern'],
    [{ apiSecret: '' }, 'apiSecret', 'minLength'],
    [{ algorithm: 'HMAC-SHA1' }, 'algorithm', 'enum'],
    [{ salt: 'a'.repeat(11) }, 'salt', 'pattern'],
    [{ salt: 'a'.repeat(65) }, 'salt', 'pattern'],
    [{ salt: 'abc def ghijkl' }, 'salt', 'pattern'],
    [{ date: '2017-08-01 11:01:07' }, 'date', 'format'],
    [{ date: '2017-08-01T11:01:07' }, 'date', 'format'],
    [{ date: new Date(Number.NaN) }, 'date', 'format'],
  ])('refuses %o naming the field and the rule', (override, field, rule) => {
    const options = { apiKey: 'K', apiSecret: 'S', ...override } as Parameters<
      typeof signAuthorization
    >[0]
    let error: unknown
    try {
      signAuthorization(options)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ValidationError)
    expect(error).toBeInstanceOf(CredentialsError)
    const validation = error as ValidationError
    expect(validation.kind).toBe('validation')
    expect(validation.code).toBe('InvalidArgument')
    expect(validation.errors).toEqual([{ field, rule, message: expect.any(String) }])
    expect(validation.message).toContain(`signAuthorization: ${field}`)
    expect(validation.message).toContain(rule)
  })

  it('accepts the shortest and longest salts the spec allows', () => {
    for (const salt of ['a'.repeat(12), 'a'.repeat(64)]) {
      expect(signAuthorization({ apiKey: 'K', apiSecret: 'S', salt })).toContain(`salt=${salt},`)
    }
  })
})

describe('randomSalt', () => {
  it('draws from the spec alphabet and uses every character', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const salt = randomSalt()
      expect(salt).toMatch(SALT_PATTERN)
      for (const c of salt) seen.add(c)
    }
    expect(seen.size).toBe(64)
  })
})

describe('createSigningMiddleware', () => {
  it('sets a fresh Authorization header on every request it sees', async () => {
    const middleware = createSigningMiddleware({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      now: () => Date.UTC(2017, 7, 1, 11, 1, 7),
    })
    const headers: string[] = []
    for (let i = 0; i < 2; i++) {
      const request = new Request('http://127.0.0.1/credentials/getCredentialList', {
        method: 'POST',
      })
      // biome-ignore lint/suspicious/noExplicitAny: only `request` is read by the middleware
      const result = await middleware.onRequest({ request } as any)
      headers.push((result as Request).headers.get('Authorization') ?? '')
    }
    expect(verifyAuthorization(headers[0] ?? '', API_SECRET)).toMatchObject({
      algorithm: 'HMAC-SHA256',
      apiKey: API_KEY,
      valid: true,
    })
    expect(headers[0]).toContain('date=2017-08-01T11:01:07.000Z,')
    expect(headers[0]).not.toBe(headers[1])
  })

  it('refuses bad options at creation', () => {
    expect(() => createSigningMiddleware({ apiKey: 'K', apiSecret: '' })).toThrow(
      /createSigningMiddleware: apiSecret/,
    )
  })
})

describe('redactAuthorization', () => {
  it('keeps the apiKey and masks the signature', () => {
    const header = signAuthorization({ apiKey: 'NCSOGH0TB3PDIGV1', apiSecret: 'S' })
    const { signature } = parse(header)
    const redacted = redactAuthorization(header)
    expect(redacted).toContain('apiKey=NCSOGH0TB3PDIGV1')
    expect(redacted).toMatch(/signature=\[redacted\]$/)
    expect(redacted).not.toContain(signature)
  })
})
