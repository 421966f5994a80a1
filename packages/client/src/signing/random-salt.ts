/** The salt alphabet of the spec: 64 characters, so a random byte & 63 picks one without bias. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

/** The length of the salts this package makes (the spec allows 12-64). @default 32 */
export const GENERATED_SALT_LENGTH = 32

/** A fresh salt from `crypto.getRandomValues` (every runtime has it; no `node:` import). */
export function randomSalt(length: number = GENERATED_SALT_LENGTH): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length))
  let salt = ''
  for (const byte of bytes) salt += ALPHABET[byte & 63]
  return salt
}
