import { createHmac, timingSafeEqual } from 'node:crypto'
import type { ParsedAuthorization } from '@solapi/credentials-spec'

/** node:crypto's names for the spec's (Web Crypto) hash names; Web Crypto has no HMAC-MD5. */
export const NODE_HASH: Record<string, string> = { 'SHA-256': 'sha256', MD5: 'md5' }

const LOWER_HEX = /^[0-9a-f]*$/

/**
 * True when the header's signature is the lower-case hex HMAC(key = apiSecret, data = date +
 * salt) of its algorithm. Anything else, a wrong length or a non-hex character included, is
 * simply "does not match"; equal-length hex strings are compared in constant time.
 */
export function signatureMatches(
  auth: Pick<ParsedAuthorization, 'rule' | 'date' | 'salt' | 'signature'>,
  apiSecret: string,
): boolean {
  const hash = NODE_HASH[auth.rule.hash]
  if (!hash) return false
  const expected = createHmac(hash, apiSecret)
    .update(auth.date + auth.salt)
    .digest('hex')
  return LOWER_HEX.test(auth.signature) && sameText(auth.signature, expected)
}

/**
 * Whether a received signature is `candidate`, in constant time for equal lengths. A length is
 * no secret: every algorithm's signature length is in the spec.
 */
export function sameText(received: string, candidate: string): boolean {
  const a = Buffer.from(received)
  const b = Buffer.from(candidate)
  return a.length === b.length && timingSafeEqual(a, b)
}
