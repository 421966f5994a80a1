import { createHmac } from 'node:crypto'
import { credentialsContract } from '@solapi/credentials-spec'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type AuthorizationFault,
  authorizationFaultArbitrary,
  EXPECTED_AUTH_STATUS,
  faultyAuthorization,
  type Signer,
} from '../../../src/arbitraries/authorization.js'

const { signing } = credentialsContract
const keys = { apiKey: 'NCSOGH0TB3PDIGV1', apiSecret: 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B' }

/** The spec's rule for an algorithm; node:crypto names the Web Crypto hash `SHA-256` `sha256`. */
function ruleOf(algorithm: string) {
  const rule = signing.algorithms.find((a) => a.name === algorithm)
  if (!rule) throw new Error(`The spec has no algorithm ${algorithm}`)
  return { ...rule, nodeHash: rule.hash.replace('-', '').toLowerCase() }
}

// A reference signer for this test only, straight from the spec's scheme (node:crypto, the
// spec's signing string and header grammar); the suites use `signAuthorization` from the client.
const sign: Signer = ({ apiKey, apiSecret, algorithm, date, salt }) => {
  const signed = signing.signingString.replace('{date}', date).replace('{salt}', salt)
  const signature = createHmac(ruleOf(algorithm).nodeHash, apiSecret).update(signed).digest('hex')
  return credentialsContract.formatAuthorization({ algorithm, apiKey, date, salt, signature })
}

/** What a server following the spec concludes from a header: 401, 403, or accepted. */
function verdict(header: string | undefined, now: Date): 401 | 403 | 'accepted' {
  const parsed = credentialsContract.parseAuthorization(header)
  if (!parsed.ok) return 401
  const { algorithm, apiKey, date, salt, dateMs } = parsed.value
  if (apiKey !== keys.apiKey) return 403
  if (Math.abs(dateMs - now.getTime()) > signing.maxClockSkewSeconds * 1000) return 403
  const expected = sign({ ...keys, algorithm: algorithm as 'HMAC-SHA256', date, salt })
  return expected === header ? 'accepted' : 403
}

describe('authorizationFaultArbitrary', () => {
  const faults = fc.sample(authorizationFaultArbitrary(credentialsContract), 2000)

  it('covers every kind of fault', () => {
    expect(new Set(faults.map((f) => f.fault))).toEqual(new Set(Object.keys(EXPECTED_AUTH_STATUS)))
  })

  it('builds headers that a server following the spec refuses with the expected status', () => {
    const now = new Date()
    for (const fault of faults.filter((f) => f.fault !== 'replayed')) {
      const header = faultyAuthorization(fault, keys, sign, now)
      expect({ fault, status: verdict(header, now) }).toEqual({
        fault,
        status: EXPECTED_AUTH_STATUS[fault.fault],
      })
    }
  })

  it('builds a valid header for a replay, which only the second use makes wrong', () => {
    const now = new Date()
    const header = faultyAuthorization({ fault: 'replayed' } as AuthorizationFault, keys, sign, now)
    expect(verdict(header, now)).toBe('accepted')
  })

  it('reads the signing rules from the spec', () => {
    expect(signing.algorithms.map((a) => a.name)).toEqual(['HMAC-SHA256', 'HMAC-MD5'])
    expect(signing.maxClockSkewSeconds).toBe(900)
    expect(signing.saltPattern.test('597fe0e36daeb')).toBe(true)
  })

  it('signs the worked example of the spec like the spec does', () => {
    const example = signing.workedExample
    for (const algorithm of ['HMAC-SHA256', 'HMAC-MD5'] as const) {
      const header = sign({ ...example, algorithm })
      expect(credentialsContract.parseAuthorization(header)).toMatchObject({
        ok: true,
        value: { signature: example.signatures[algorithm] },
      })
    }
  })
})
