// Requests that are wrong below the level of the JSON Schema: too large, not UTF-8, not JSON,
// or not sent as JSON. A schema validator never sees these; the server's transport layer must
// refuse them with the status the spec documents for each.
import { credentialsContract } from '@solapi/credentials-spec'
import fc from 'fast-check'
import { scalarUnit } from './scalar-unit.js'

export type TransportFault =
  | 'too-large'
  | 'not-utf8'
  | 'not-json'
  | 'empty-body'
  | 'wrong-content-type'
  | 'no-content-type'

/** Every kind, in the order the arbitrary draws them. */
export const TRANSPORT_FAULTS: readonly TransportFault[] = [
  'too-large',
  'not-utf8',
  'not-json',
  'empty-body',
  'wrong-content-type',
  'no-content-type',
]

export interface RawRequestBody {
  fault: TransportFault
  /** `undefined` sends no Content-Type header. */
  contentType: string | undefined
  bytes: Uint8Array
  /** The status the spec documents for this fault. */
  expectedStatus: number
}

const encoder = new TextEncoder()
const JSON_TYPE = 'application/json'

/** The spec's body limit (`x-solapi-limits`): larger bodies get 413 PayloadTooLarge. */
const MAX_BODY_BYTES = credentialsContract.limits.maxRequestBodyBytes

/** Byte sequences no UTF-8 decoder may accept (RFC 3629). */
const INVALID_UTF8: number[][] = [
  [0xff],
  [0xfe],
  [0xc0, 0xaf], // overlong '/'
  [0xe0, 0x80, 0xaf], // overlong
  [0x80], // lone continuation byte
  [0xc3], // truncated two-byte sequence
  [0xed, 0xa0, 0x80], // UTF-16 surrogate half
  [0xf4, 0x90, 0x80, 0x80], // beyond U+10FFFF
]

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/**
 * Transport-level faults around a valid body (so that the fault is the only thing wrong).
 * `validBody` is an arbitrary of bodies valid for the operation; `kinds` picks the faults.
 */
export function transportFaultArbitrary(
  validBody: fc.Arbitrary<unknown>,
  kinds: readonly TransportFault[] = TRANSPORT_FAULTS,
): fc.Arbitrary<RawRequestBody> {
  if (kinds.length === 0) throw new Error('transportFaultArbitrary needs at least one kind')
  const json = validBody.map((body) => JSON.stringify(body))

  const tooLarge = fc
    .tuple(json, fc.integer({ min: MAX_BODY_BYTES + 1, max: 2 * MAX_BODY_BYTES }))
    .map(([text, size]): RawRequestBody => {
      // Whitespace is legal JSON: the body stays valid and only its size is wrong.
      const padded = text + ' '.repeat(Math.max(0, size - encoder.encode(text).length))
      return {
        fault: 'too-large',
        contentType: JSON_TYPE,
        bytes: encoder.encode(padded),
        expectedStatus: 413,
      }
    })

  const notUtf8 = fc
    .tuple(json, fc.constantFrom(...INVALID_UTF8), fc.nat())
    .map(([text, bad, at]): RawRequestBody => {
      const bytes = encoder.encode(text)
      const cut = at % (bytes.length + 1)
      return {
        fault: 'not-utf8',
        contentType: JSON_TYPE,
        bytes: new Uint8Array([...bytes.subarray(0, cut), ...bad, ...bytes.subarray(cut)]),
        expectedStatus: 400,
      }
    })

  const notJson = fc
    .oneof(
      fc.string({ unit: scalarUnit, minLength: 1, maxLength: 64 }),
      json.map((text) => text.slice(0, -1)), // truncated
      json.map((text) => `${text},`), // trailing garbage, as in the original reference's samples
      fc.constantFrom("{'single': 'quotes'}", '{"a":1,}', 'NaN', 'undefined', '{"a":01}'),
    )
    .filter((text) => !isJson(text))
    .map(
      (text): RawRequestBody => ({
        fault: 'not-json',
        contentType: JSON_TYPE,
        bytes: encoder.encode(text),
        expectedStatus: 400,
      }),
    )

  const empty = fc.constant<RawRequestBody>({
    fault: 'empty-body',
    contentType: JSON_TYPE,
    bytes: new Uint8Array(),
    expectedStatus: 400,
  })

  const wrongType = fc
    .tuple(
      json,
      fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data; boundary=x',
      ),
    )
    .map(
      ([text, contentType]): RawRequestBody => ({
        fault: 'wrong-content-type',
        contentType,
        bytes: encoder.encode(text),
        expectedStatus: 415,
      }),
    )

  const noType = json.map(
    (text): RawRequestBody => ({
      fault: 'no-content-type',
      contentType: undefined,
      bytes: encoder.encode(text),
      expectedStatus: 415,
    }),
  )

  const byKind: Record<TransportFault, fc.Arbitrary<RawRequestBody>> = {
    'too-large': tooLarge,
    'not-utf8': notUtf8,
    'not-json': notJson,
    'empty-body': empty,
    'wrong-content-type': wrongType,
    'no-content-type': noType,
  }
  return fc.oneof(...kinds.map((kind) => byKind[kind]))
}
