import { hmac } from '@noble/hashes/hmac.js'
import { md5 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import type { SigningAlgorithm } from '../generated/signing-rules.ts'

// @noble/hashes rather than Web Crypto: crypto.subtle has no MD5 and is async (an awaited op per
// request), and this gives one synchronous code path on every runtime.
const HASHES = { 'HMAC-SHA256': sha256, 'HMAC-MD5': md5 } as const

/**
 * Prepares the HMAC key once (the inner and outer padded hash states) and returns a function that
 * signs a message as lower-case hex, starting each time from a copy of the prepared state.
 */
export function createHmacHex(
  algorithm: SigningAlgorithm,
  secret: string,
): (message: string) => string {
  const keyed = hmac.create(HASHES[algorithm], utf8ToBytes(secret))
  return (message) => bytesToHex(keyed.clone().update(utf8ToBytes(message)).digest())
}
