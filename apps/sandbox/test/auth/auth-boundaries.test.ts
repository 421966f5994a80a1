import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type InProcessServer, startInProcessServer } from '../support/in-process-server.js'
import {
  clientHeader,
  freshSalt,
  handHeader,
  handParts,
  partsOf,
  post,
  TEST_CREDENTIAL,
} from '../support/signing.js'
import { responseSchemaErrors } from '../support/spec-responses.js'

const LIST = '/credentials/getCredentialList'
// The server clock is pinned so that the skew boundaries are exact, not racing real time.
const SERVER_NOW = Date.parse('2026-03-01T12:00:00.000Z')
const iso = (offsetMs: number) => new Date(SERVER_NOW + offsetMs).toISOString()
const MINUTE = 60_000

let server: InProcessServer

beforeAll(async () => {
  server = await startInProcessServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.clock.now = SERVER_NOW
})

async function listWith(authorization: string) {
  const response = await post(server.url, LIST, {}, { authorization })
  if (response.status !== 200) {
    expect(responseSchemaErrors(LIST, response.status, response.body)).toEqual([])
  }
  return response
}

describe('date skew (15 minutes either side of server time)', () => {
  it.each([
    ['14:59 behind', -(14 * MINUTE + 59_000), 200],
    ['14:59 ahead', 14 * MINUTE + 59_000, 200],
    ['15:01 behind', -(15 * MINUTE + 1000), 403],
    ['15:01 ahead', 15 * MINUTE + 1000, 403],
  ])('a date %s is answered %i', async (_, offset, status) => {
    const response = await listWith(clientHeader(TEST_CREDENTIAL, { date: iso(offset) }))
    expect(response.status).toBe(status)
    if (status === 403) {
      expect(response.body.errorCode).toBe('RequestTimeTooSkewed')
      expect(response.headers.get('date')).toBe(new Date(SERVER_NOW).toUTCString())
    }
  })

  it.each(['2024-02-29T12:00:00Z', '2000-02-29T12:00:00Z', '2026-12-31T23:59:59Z'])(
    'judges the real calendar date %s by its skew (403), not as malformed',
    async (date) => {
      const response = await listWith(handHeader(TEST_CREDENTIAL, { date, salt: freshSalt() }))
      expect(response.status).toBe(403)
      expect(response.body.errorCode).toBe('RequestTimeTooSkewed')
    },
  )

  it('accepts a date with a time-zone offset that is the same instant', async () => {
    // 21:00+09:00 is 12:00Z.
    const response = await listWith(
      clientHeader(TEST_CREDENTIAL, { date: '2026-03-01T21:00:00+09:00' }),
    )
    expect(response.status).toBe(200)
  })
})

describe('salt length (12 to 64 characters)', () => {
  it.each([
    [11, 401],
    [12, 200],
    [64, 200],
    [65, 401],
  ])('a salt of %i characters is answered %i', async (length, status) => {
    const response = await listWith(
      handHeader(TEST_CREDENTIAL, { date: iso(0), salt: freshSalt(length) }),
    )
    expect(response.status).toBe(status)
    if (status === 401) {
      expect(response.body.errorCode).toBe('MalformedAuthorization')
      expect(response.body.errorMessage).toContain('salt must be 12 to 64')
    }
  })
})

describe('replay', () => {
  it('refuses a signature already used, with 403 DuplicatedSignature', async () => {
    const header = clientHeader(TEST_CREDENTIAL, { date: iso(0) })
    expect((await listWith(header)).status).toBe(200)
    const replay = await listWith(header)
    expect(replay.status).toBe(403)
    expect(replay.body.errorCode).toBe('DuplicatedSignature')
  })

  it('remembers a signature until its date + 15 min, when the skew check takes over', async () => {
    const header = clientHeader(TEST_CREDENTIAL, { date: iso(0) })
    expect((await listWith(header)).status).toBe(200)
    server.clock.now = SERVER_NOW + 14 * MINUTE + 59_000
    expect((await listWith(header)).body.errorCode).toBe('DuplicatedSignature')
    server.clock.now = SERVER_NOW + 15 * MINUTE + 1000
    expect((await listWith(header)).body.errorCode).toBe('RequestTimeTooSkewed')
  })

  it('does not record a signature that failed verification', async () => {
    const date = iso(0)
    const salt = freshSalt()
    const wrong = handHeader(
      { ...TEST_CREDENTIAL, apiSecret: 'WRONGSECRET000000000000000000000' },
      { date, salt },
    )
    expect((await listWith(wrong)).body.errorCode).toBe('SignatureDoesNotMatch')
    expect((await listWith(handHeader(TEST_CREDENTIAL, { date, salt }))).status).toBe(200)
  })
})

describe('algorithms and signatures', () => {
  it.each(['HMAC-SHA256', 'HMAC-MD5'] as const)('accepts %s', async (algorithm) => {
    expect(
      (await listWith(clientHeader(TEST_CREDENTIAL, { date: iso(0), algorithm }))).status,
    ).toBe(200)
  })

  it.each([
    ['too short', (s: string) => s.slice(0, -2)],
    ['too long', (s: string) => `${s}00`],
    ['MD5 length for SHA-256', (s: string) => s.slice(0, 32)],
    ['not hex', (s: string) => `${s.slice(0, -1)}g`],
    ['upper-case hex', (s: string) => s.toUpperCase()],
    ['one digit changed', (s: string) => `${s.slice(0, -1)}${s.endsWith('0') ? '1' : '0'}`],
  ])('answers a signature %s with 403 SignatureDoesNotMatch, never 500', async (_, tamper) => {
    const date = iso(0)
    const salt = freshSalt()
    const good = handParts(TEST_CREDENTIAL, { date, salt }).signature
    const response = await listWith(
      handHeader(TEST_CREDENTIAL, { date, salt, signature: tamper(good) }),
    )
    expect(response.status).toBe(403)
    expect(response.body.errorCode).toBe('SignatureDoesNotMatch')
    expect(JSON.stringify(response.body)).not.toContain(good)
  })

  it('refuses a signature made with another algorithm than the header names', async () => {
    const date = iso(0)
    const salt = freshSalt()
    const md5 = handParts(TEST_CREDENTIAL, { date, salt, algorithm: 'HMAC-MD5' }).signature
    const response = await listWith(
      handHeader(TEST_CREDENTIAL, { date, salt, signature: `${md5}${md5}` }),
    )
    expect(response.body.errorCode).toBe('SignatureDoesNotMatch')
  })
})

describe('keys', () => {
  it('answers an unknown key with 403 InvalidAPIKey', async () => {
    const response = await listWith(
      clientHeader(
        { apiKey: 'NCSUNKNOWNKEY001', apiSecret: TEST_CREDENTIAL.apiSecret },
        { date: iso(0) },
      ),
    )
    expect([response.status, response.body.errorCode]).toEqual([403, 'InvalidAPIKey'])
  })
})

describe('malformed headers (401, the message names the part)', () => {
  const date = '2026-03-01T12:00:00Z'
  const good = () => handHeader(TEST_CREDENTIAL, { date, salt: freshSalt() })
  /** A good header's parts, laid out by hand in another order or with one left out. */
  const laidOut = (names: ('apiKey' | 'date' | 'salt' | 'signature')[]) => {
    const parts = partsOf(good())
    return `${parts.algorithm} ${names.map((name) => `${name}=${parts[name]}`).join(', ')}`
  }
  it.each([
    ['no header', undefined, 'MissingAuthorization', 'required'],
    [
      'the seed sample',
      'USER user_id=example, date=2017-08-01 11:01:07, salt=salt=597fe0e36daeb, signature=fd96c1931e947aef14c963b67763c913',
      'MalformedAuthorization',
      'method must be',
    ],
    [
      'unknown method',
      () => good().replace('HMAC-SHA256', 'HMAC-SHA1'),
      'MalformedAuthorization',
      'method must be HMAC-SHA256 or HMAC-MD5, got HMAC-SHA1',
    ],
    [
      'lower-case method',
      () => good().replace('HMAC-SHA256', 'hmac-sha256'),
      'MalformedAuthorization',
      'method must be',
    ],
    [
      'missing signature part',
      () => laidOut(['apiKey', 'date', 'salt']),
      'MalformedAuthorization',
      'missing the signature part',
    ],
    [
      'missing salt part',
      () => laidOut(['apiKey', 'date', 'signature']),
      'MalformedAuthorization',
      'part 3 must be salt',
    ],
    [
      'parts out of order',
      () => laidOut(['date', 'apiKey', 'salt', 'signature']),
      'MalformedAuthorization',
      'part 1 must be apiKey',
    ],
    [
      'a date without a time zone',
      () => handHeader(TEST_CREDENTIAL, { date: '2026-03-01T12:00:00', salt: freshSalt() }),
      'MalformedAuthorization',
      'date must be',
    ],
    [
      'a date with a space',
      () => handHeader(TEST_CREDENTIAL, { date: '2026-03-01 12:00:00Z', salt: freshSalt() }),
      'MalformedAuthorization',
      'date must be',
    ],
    [
      'an impossible date',
      () => handHeader(TEST_CREDENTIAL, { date: '2026-02-30T12:00:00Z', salt: freshSalt() }),
      'MalformedAuthorization',
      'date must be',
    ],
    [
      'February 29 of a year that is not a leap year',
      () => handHeader(TEST_CREDENTIAL, { date: '2100-02-29T12:00:00Z', salt: freshSalt() }),
      'MalformedAuthorization',
      'date must be',
    ],
    [
      'a salt with a forbidden character',
      () => handHeader(TEST_CREDENTIAL, { date, salt: 'abcdefghijk+l' }),
      'MalformedAuthorization',
      'salt must be',
    ],
    [
      'a lower-case apiKey',
      () => good().replace(TEST_CREDENTIAL.apiKey, TEST_CREDENTIAL.apiKey.toLowerCase()),
      'MalformedAuthorization',
      'apiKey must be',
    ],
    ['extra parts', () => `${good()}, extra=1`, 'MalformedAuthorization', 'after the signature'],
    [
      'parts without the space',
      () => good().replaceAll(', ', ','),
      'MalformedAuthorization',
      'missing the date part',
    ],
  ] as const)('%s', async (_, header, code, named) => {
    const value = typeof header === 'function' ? header() : header
    const response = await post(
      server.url,
      LIST,
      {},
      value === undefined ? {} : { authorization: value },
    )
    expect(response.status).toBe(401)
    expect(response.body.errorCode).toBe(code)
    expect(String(response.body.errorMessage)).toContain(named)
    expect(responseSchemaErrors(LIST, 401, response.body)).toEqual([])
  })
})
