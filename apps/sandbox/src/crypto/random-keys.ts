import { randomBytes } from 'node:crypto'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
// Largest multiple of 36 below 256: bytes at or above it are dropped so every character is
// equally likely (no modulo bias).
const LIMIT = 252

function randomString(length: number): string {
  let out = ''
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < LIMIT) out += ALPHABET[byte % 36]
      if (out.length === length) break
    }
  }
  return out
}

/** 16 upper-case letters and digits, starting with SOLAPI's `NCS` like the reference's keys. */
export function generateApiKey(): string {
  return `NCS${randomString(13)}`
}

/** 32 upper-case letters and digits (~165 bits). */
export function generateApiSecret(): string {
  return randomString(32)
}
