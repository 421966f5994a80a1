import { isIP } from 'node:net'

/** RFC 6750's b64token: what an `Authorization: Bearer` header can carry. */
const BEARER_TOKEN = /^[A-Za-z0-9._~+/-]+=*$/
const MIN_LENGTH = 16
const MAX_LENGTH = 256

/** A random control token: 32 bytes, base64url (43 characters). */
export function generateControlToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
}

/** Refuses a token a Bearer header cannot carry, or one short enough to guess; names `name`. */
export function checkControlToken(name: string, token: string): void {
  if (token.length < MIN_LENGTH || token.length > MAX_LENGTH || !BEARER_TOKEN.test(token)) {
    throw new Error(
      `${name} must be ${MIN_LENGTH} to ${MAX_LENGTH} characters from A-Z a-z 0-9 . _ ~ + / - (then = padding); got ${token.length} characters.`,
    )
  }
}

/** Whether a listening address is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  if (bare === 'localhost') return true
  if (isIP(bare) === 4) return bare.startsWith('127.')
  return bare === '::1' || bare === '0:0:0:0:0:0:0:1'
}
