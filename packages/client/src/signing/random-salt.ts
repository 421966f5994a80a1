import { SALT_ALPHABET } from '../generated/signing-rules.ts'

/** The length of the salts this package makes (the spec allows 12-64). */
export const GENERATED_SALT_LENGTH = 32

/**
 * A fresh salt from `crypto.getRandomValues` (every runtime has it; no `node:` import). The spec's
 * alphabet has 64 characters (the generator checks), so a random byte & 63 picks one without bias.
 */
export function randomSalt(length: number = GENERATED_SALT_LENGTH): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length))
  return Array.from(bytes, (byte) => SALT_ALPHABET[byte & 63]).join('')
}
