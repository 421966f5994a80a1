import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type AuthorizationFault,
  authorizationFaultArbitrary,
  EXPECTED_AUTH_STATUS,
  faultyAuthorization,
  type Signer,
} from '../../../src/arbitraries/authorization.js'
import { signingRules } from '../../../src/spec/signing.js'
import { document } from './spec-schemas.js'

const rules = signingRules(document)
const credentials = { apiKey: 'NCSOGH0TB3PDIGV1', apiSecret: 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B' }

// A reference signer for this test only, straight from the spec's scheme (node:crypto); the
// suites use `signAuthorization` from the client.
const sign: Signer = ({ apiKey, apiSecret, algorithm, date, salt }) => {
  const hash = algorithm === 'HMAC-MD5' ? 'md5' : 'sha256'
  const signature = createHmac(hash, apiSecret)
    .update(date + salt)
    .digest('hex')
  return `${algorithm} apiKey=${apiKey}, date=${date}, salt=${salt}, signature=${signature}`
}

/** What a server following the spec concludes from a header: 401, 403, or accepted. */
function verdict(header: string | undefined, now: Date): 401 | 403 | 'accepted' {
  if (header === undefined) return 401
  const match = /^(\S+) apiKey=([^,]*), date=([^,]*), salt=([^,]*), signature=(\S*)$/.exec(header)
  if (!match) return 401
  const [, method, apiKey, date, salt] = match as unknown as string[]
  if (!rules.algorithms.includes(method as string)) return 401
  if (!rules.datePattern.test(date as string) || Number.isNaN(Date.parse(date as string)))
    return 401
  if (!rules.saltPattern.test(salt as string)) return 401
  if (apiKey !== credentials.apiKey) return 403
  if (Math.abs(Date.parse(date as string) - now.getTime()) > rules.maxClockSkewSeconds * 1000)
    return 403
  const expected = sign({
    ...credentials,
    algorithm: method as 'HMAC-SHA256',
    date: date as string,
    salt: salt as string,
  })
  return expected === header ? 'accepted' : 403
}

describe('authorizationFaultArbitrary', () => {
  const faults = fc.sample(authorizationFaultArbitrary(rules), 2000)

  it('covers every kind of fault', () => {
    expect(new Set(faults.map((f) => f.fault))).toEqual(new Set(Object.keys(EXPECTED_AUTH_STATUS)))
  })

  it('builds headers that a server following the spec refuses with the expected status', () => {
    const now = new Date()
    for (const fault of faults.filter((f) => f.fault !== 'replayed')) {
      const header = faultyAuthorization(fault, credentials, sign, now)
      expect({ fault, status: verdict(header, now) }).toEqual({
        fault,
        status: EXPECTED_AUTH_STATUS[fault.fault],
      })
    }
  })

  it('builds a valid header for a replay, which only the second use makes wrong', () => {
    const now = new Date()
    const header = faultyAuthorization(
      { fault: 'replayed' } as AuthorizationFault,
      credentials,
      sign,
      now,
    )
    expect(verdict(header, now)).toBe('accepted')
  })

  it('reads the signing rules from the spec', () => {
    expect(rules.algorithms).toEqual(['HMAC-SHA256', 'HMAC-MD5'])
    expect(rules.maxClockSkewSeconds).toBe(900)
    expect(rules.saltPattern.test('597fe0e36daeb')).toBe(true)
  })
})
