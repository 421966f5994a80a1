// Broken `Authorization` headers, as data (so that fast-check prints and shrinks them), and
// the function that turns one into a header at send time (dates must be fresh).
// The 401/403 split is the spec's: 401 when the header cannot be parsed (missing,
// unknown method, missing part, bad date, salt outside the pattern), 403 when it parses but
// is refused (unknown key, wrong signature, skewed date, replay).
import { DEFAULT_ALGORITHM, type SigningAlgorithm } from '@solapi/credentials-client'
import {
  type AuthorizationParts,
  type Contract,
  credentialsContract,
} from '@solapi/credentials-spec'
import fc from 'fast-check'

export interface SigningInput {
  apiKey: string
  apiSecret: string
  algorithm: SigningAlgorithm
  date: string
  salt: string
}

/** Signs like `signAuthorization` from `@solapi/credentials-client`: returns the header value. */
export type Signer = (input: SigningInput) => string

export type AuthorizationFault =
  | { fault: 'missing' }
  | { fault: 'garbage'; header: string }
  | { fault: 'unknown-method'; method: string }
  | { fault: 'missing-part'; part: 'apiKey' | 'date' | 'salt' | 'signature' }
  | { fault: 'bad-date'; date: string }
  | { fault: 'bad-salt'; salt: string }
  | { fault: 'tampered-signature'; position: number }
  | { fault: 'wrong-length-signature'; signature: string }
  | { fault: 'unknown-key'; apiKey: string }
  | { fault: 'wrong-secret'; apiSecret: string }
  | { fault: 'skewed-date'; offsetSeconds: number }
  | { fault: 'replayed' }

type Fault = AuthorizationFault['fault']

/**
 * The status and errorCode the spec's scheme gives each fault (the rejections table of
 * x-solapi-signing). The one table of them: the auth checks expect these, and
 * `EXPECTED_AUTH_STATUS` is its statuses.
 */
export const AUTH_FAULT_CODES: Record<Fault, { status: 401 | 403; code: string }> = {
  missing: { status: 401, code: 'MissingAuthorization' },
  garbage: { status: 401, code: 'MalformedAuthorization' },
  'unknown-method': { status: 401, code: 'MalformedAuthorization' },
  'missing-part': { status: 401, code: 'MalformedAuthorization' },
  'bad-date': { status: 401, code: 'MalformedAuthorization' },
  'bad-salt': { status: 401, code: 'MalformedAuthorization' },
  'tampered-signature': { status: 403, code: 'SignatureDoesNotMatch' },
  'wrong-length-signature': { status: 403, code: 'SignatureDoesNotMatch' },
  'unknown-key': { status: 403, code: 'InvalidAPIKey' },
  'wrong-secret': { status: 403, code: 'SignatureDoesNotMatch' },
  'skewed-date': { status: 403, code: 'RequestTimeTooSkewed' },
  replayed: { status: 403, code: 'DuplicatedSignature' },
}

export const EXPECTED_AUTH_STATUS = Object.fromEntries(
  Object.entries(AUTH_FAULT_CODES).map(([fault, { status }]) => [fault, status]),
) as Record<Fault, 401 | 403>

const SALT_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
const saltOf = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...SALT_CHARS), minLength: min, maxLength: max })

/** Printable ASCII: what an HTTP header value can carry through `fetch`. */
const headerText = (min: number, max: number) =>
  fc
    .string({ unit: 'grapheme-ascii', minLength: min, maxLength: max })
    .map((s) => s.replace(/[^\x21-\x7e ]/g, 'x').trim())
    .filter((s) => s.length > 0)

/** Faults drawn against the spec's signing rules and key shapes (the bundled spec's by default). */
export function authorizationFaultArbitrary({
  signing,
  limits,
}: Pick<Contract, 'signing' | 'limits'> = credentialsContract): fc.Arbitrary<AuthorizationFault> {
  const skew = signing.maxClockSkewSeconds
  // A signature of a length some algorithm signs with is not of the wrong length; the longest
  // bounds where a tampered character can stand and how long a non-hex signature is.
  const hexLengths = signing.algorithms.map((rule) => rule.signatureHexLength)
  const longest = Math.max(...hexLengths)
  return fc.oneof(
    fc.constant({ fault: 'missing' as const }),
    headerText(1, 80)
      .filter((header) => !signing.algorithms.some(({ name }) => header.startsWith(`${name} `)))
      .map((header) => ({ fault: 'garbage' as const, header })),
    fc
      .constantFrom('HMAC-SHA1', 'HMAC-SHA512', 'USER', 'Bearer', 'Basic', 'HMAC_SHA256')
      .map((method) => ({ fault: 'unknown-method' as const, method })),
    fc
      .constantFrom('apiKey', 'date', 'salt', 'signature' as const)
      .map((part) => ({ fault: 'missing-part' as const, part })),
    fc
      .oneof(
        fc.constantFrom(
          '2017-08-01 11:01:07',
          'yesterday',
          '1501585267',
          '2017-08-01',
          '2017-13-45T99:99:99Z',
        ),
        headerText(1, 24).filter((s) => !/^\d{4}-\d{2}-\d{2}T/.test(s) && !/[,=]/.test(s)),
      )
      .map((date) => ({ fault: 'bad-date' as const, date })),
    fc
      .oneof(
        saltOf(1, 11),
        saltOf(65, 80),
        fc
          .tuple(saltOf(6, 20), fc.constantFrom('!', '.', '*', '~', '/', '+'), saltOf(6, 20))
          .map((p) => p.join('')),
      )
      .filter((salt) => !signing.saltPattern.test(salt))
      .map((salt) => ({ fault: 'bad-salt' as const, salt })),
    fc
      .nat({ max: longest - 1 })
      .map((position) => ({ fault: 'tampered-signature' as const, position })),
    fc
      .oneof(
        fc
          .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 128 })
          .filter((s) => !hexLengths.includes(s.length)),
        fc.string({
          unit: fc.constantFrom(...'ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ'),
          minLength: longest,
          maxLength: longest,
        }),
      )
      .map((signature) => ({ fault: 'wrong-length-signature' as const, signature })),
    fc
      .stringMatching(limits.apiKey.pattern)
      .map((apiKey) => ({ fault: 'unknown-key' as const, apiKey })),
    fc
      .stringMatching(limits.apiSecret.pattern)
      .map((apiSecret) => ({ fault: 'wrong-secret' as const, apiSecret })),
    fc
      .integer({ min: skew + 60, max: skew + 24 * 3600 })
      .chain((s) => fc.constantFrom(s, -s))
      .map((offsetSeconds) => ({ fault: 'skewed-date' as const, offsetSeconds })),
    fc.constant({ fault: 'replayed' as const }),
  )
}

/** A fresh salt from the spec's salt alphabet, long enough never to repeat. */
export function randomSalt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24))
  return Array.from(bytes, (b) => SALT_CHARS[b % SALT_CHARS.length]).join('')
}

/**
 * The header a fault stands for, signed at `now` with `keys` and `algorithm` (`undefined`: send
 * none), written with the spec's Authorization grammar. `replayed` returns a valid header: the
 * caller sends it twice.
 */
export function faultyAuthorization(
  fault: AuthorizationFault,
  keys: Pick<SigningInput, 'apiKey' | 'apiSecret'>,
  sign: Signer,
  now = new Date(),
  algorithm: SigningInput['algorithm'] = DEFAULT_ALGORITHM,
): string | undefined {
  const input: SigningInput = {
    ...keys,
    algorithm,
    date: now.toISOString(),
    salt: randomSalt(),
  }
  const valid = () => sign(input)
  const parts = (): Omit<AuthorizationParts, 'algorithm'> => {
    const parsed = credentialsContract.parseAuthorization(valid())
    if (!parsed.ok) throw new Error(`The signer wrote a header the spec refuses: ${parsed.message}`)
    const { apiKey, date, salt, signature } = parsed.value
    return { apiKey, date, salt, signature }
  }
  const assemble = (algorithm: string, p: Omit<AuthorizationParts, 'algorithm'>) =>
    credentialsContract.formatAuthorization({ algorithm, ...p })

  switch (fault.fault) {
    case 'missing':
      return undefined
    case 'garbage':
      return fault.header
    case 'unknown-method':
      return assemble(fault.method, parts())
    case 'missing-part':
      return credentialsContract.formatAuthorization(
        { algorithm: input.algorithm, ...parts() },
        { omit: [fault.part] },
      )
    // The signer may refuse malformed parts (the client validates its input), so the bad part
    // is put into an otherwise valid header: the server must refuse it before any HMAC check.
    case 'bad-date':
      return assemble(input.algorithm, { ...parts(), date: fault.date })
    case 'bad-salt':
      return assemble(input.algorithm, { ...parts(), salt: fault.salt })
    case 'tampered-signature': {
      const p = parts()
      const i = fault.position % p.signature.length
      const flipped = p.signature[i] === '0' ? '1' : '0'
      return assemble(input.algorithm, {
        ...p,
        signature: p.signature.slice(0, i) + flipped + p.signature.slice(i + 1),
      })
    }
    case 'wrong-length-signature':
      return assemble(input.algorithm, { ...parts(), signature: fault.signature })
    case 'unknown-key':
      return sign({ ...input, apiKey: fault.apiKey })
    case 'wrong-secret':
      return sign({ ...input, apiSecret: fault.apiSecret })
    case 'skewed-date':
      return sign({
        ...input,
        date: new Date(now.getTime() + fault.offsetSeconds * 1000).toISOString(),
      })
    case 'replayed':
      return valid()
  }
}
