import { describe, expect, it } from 'vitest'
import { credentialsContract, type Media } from '../src/index.js'

const spec = credentialsContract.document
const validator = credentialsContract.validator()

// Every named example of every request and response, with the schema it must satisfy.
const cases = credentialsContract.operations.flatMap((op) => {
  const media: [string, Media | undefined][] = [
    ['request', op.requestBody?.content['application/json']],
    ...Object.entries(op.responses).map(([status, response]): [string, Media | undefined] => [
      status,
      response.content['application/json'],
    ]),
  ]
  return media.flatMap(([where, content]) =>
    Object.entries(content?.examples ?? {}).map(([name, value]) => ({
      title: `${op.operationId} ${where} ${name}`,
      schemaPointer: content?.schemaPointer ?? '',
      value,
    })),
  )
})

describe('named examples', () => {
  it('cover every response of every operation', () => {
    for (const op of credentialsContract.operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        const examples = response.content['application/json']?.examples ?? {}
        expect(Object.keys(examples).length, `${op.operationId} ${status}`).toBeGreaterThan(0)
      }
    }
  })

  it.each(cases)('$title validates against its schema', ({ schemaPointer, value }) => {
    expect(validator.validate(schemaPointer, value).errors).toEqual([])
  })
})

describe('security scheme', () => {
  // biome-ignore lint/style/noNonNullAssertion: the scheme is asserted to exist by readSigningRules
  const scheme = spec.components!.securitySchemes!.hmacAuthorization!
  const signing = scheme['x-solapi-signing']

  it('is applied to every operation through the global security requirement', () => {
    expect(spec.security).toEqual([{ hmacAuthorization: [] }])
    for (const op of credentialsContract.operations) {
      expect(op.raw.security).toBeUndefined()
    }
  })

  it('worked example signatures are what Node computes for the documented inputs', async () => {
    const { createHmac } = await import('node:crypto')
    const { apiSecret, date, salt, signatures } = signing.workedExample
    expect(
      createHmac('sha256', apiSecret)
        .update(date + salt)
        .digest('hex'),
    ).toBe(signatures['HMAC-SHA256'])
    expect(
      createHmac('md5', apiSecret)
        .update(date + salt)
        .digest('hex'),
    ).toBe(signatures['HMAC-MD5'])
    expect(scheme.description).toContain(signatures['HMAC-SHA256'])
  })

  it('documents a date pattern that accepts ISO 8601 and rejects the seed date', () => {
    const pattern = new RegExp(signing.date.pattern)
    expect(pattern.test('2017-08-01T11:01:07Z')).toBe(true)
    expect(pattern.test('2017-08-01T20:01:07.123+09:00')).toBe(true)
    expect(pattern.test('2017-08-01 11:01:07')).toBe(false)
  })

  it('documents a salt rule of 12 to 64 characters', () => {
    const pattern = new RegExp(signing.salt.pattern)
    expect(pattern.test('a'.repeat(11))).toBe(false)
    expect(pattern.test('a'.repeat(12))).toBe(true)
    expect(pattern.test('a'.repeat(64))).toBe(true)
    expect(pattern.test('a'.repeat(65))).toBe(false)
    expect(pattern.test('salt=597fe0e36daeb')).toBe(false)
  })
})
