import { hmac } from '@noble/hashes/hmac.js'
import { md5 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import type { SigningAlgorithm } from '../generated/signing-rules.ts'

// @noble/hashes rather than Web Crypto: crypto.subtle has no MD5 and is async (an awaited op per
// request), and this gives one synchronous code path on every runtime. `pnpm bench` measures it
// against node:crypto.
const HASHES = { 'HMAC-SHA256': sha256, 'HMAC-MD5': md5 } as const

/**
 * Prepares the HMAC key once (the inner and outer padded hash states) and returns a function that
 * signs a message as lower-case hex. Each call copies the prepared state into one reused instance
 * and encodes into one reused buffer: about twice as fast as `clone()` with fresh arrays. Safe
 * because signing is synchronous, so calls never interleave.
 */
export function createHmacHex(
  algorithm: SigningAlgorithm,
  secret: string,
): (message: string) => string {
  const hash = HASHES[algorithm]
  const keyed = hmac.create(hash, utf8ToBytes(secret))
  const scratch = keyed.clone()
  const digest = new Uint8Array(hash.outputLen)
  const encoder = new TextEncoder()
  const buffer = new Uint8Array(256) // date + salt is at most ~100 ASCII bytes
  return (message) => {
    keyed._cloneInto(scratch)
    const { read, written } = encoder.encodeInto(message, buffer)
    scratch.update(read === message.length ? buffer.subarray(0, written) : utf8ToBytes(message))
    scratch.digestInto(digest)
    return bytesToHex(digest)
  }
}
