import { SALT_ALPHABET } from '../generated/signing-rules.ts'

/** The length of the salts this package makes (the spec allows 12-64). */
export const GENERATED_SALT_LENGTH = 32

// Random bytes are drawn 4 KiB at a time and each byte is used once: one getRandomValues call
// per 128 salts instead of one per salt (the call, not the bytes, is the cost).
const pool = new Uint8Array(4096)
let offset = pool.length

/**
 * A fresh salt from `crypto.getRandomValues` (every runtime has it; no `node:` import). The spec's
 * alphabet has 64 characters (the generator checks), so a random byte & 63 picks one without bias.
 */
export function randomSalt(length: number = GENERATED_SALT_LENGTH): string {
  if (offset + length > pool.length) {
    globalThis.crypto.getRandomValues(pool)
    offset = 0
  }
  let salt = ''
  for (let i = offset; i < offset + length; i++) salt += SALT_ALPHABET[(pool[i] as number) & 63]
  offset += length
  return salt
}
