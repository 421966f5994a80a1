import { createHmac, randomBytes, randomInt } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signAuthorization } from '../../src/index.js'

const SALT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
const CASES = 10_000

function randomSecret(): string {
  // Mostly ASCII, sometimes any other code point (astral ones too), 1 to 150 characters so that
  // keys shorter than, equal to and longer than the hash block are all drawn.
  const length = randomInt(1, 151)
  let secret = ''
  while (secret.length < length) {
    const codePoint = randomInt(10) === 0 ? randomInt(0xa0, 0x110000) : randomInt(0x21, 0x7f)
    const isSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff
    secret += String.fromCodePoint(isSurrogate ? 0xac00 : codePoint)
  }
  return secret
}

function randomDate(): string {
  const iso = new Date(randomInt(0, 2 ** 47 - 1) % 253402300799999).toISOString()
  return randomInt(2) ? iso : iso.replace(/\.\d{3}Z$/, 'Z')
}

describe('signAuthorization against node:crypto', () => {
  it(`agrees on ${CASES} random cases`, () => {
    const mismatches: string[] = []
    for (let i = 0; i < CASES; i++) {
      const algorithm = i % 2 === 0 ? 'HMAC-SHA256' : 'HMAC-MD5'
      const apiSecret = randomSecret()
      const date = randomDate()
      const salt = Array.from(randomBytes(randomInt(12, 65)), (b) => SALT_ALPHABET[b & 63]).join('')
      const expected = createHmac(algorithm === 'HMAC-SHA256' ? 'sha256' : 'md5', apiSecret)
        .update(date + salt)
        .digest('hex')
      const header = signAuthorization({ apiKey: 'K', apiSecret, algorithm, date, salt })
      if (!header.endsWith(`, signature=${expected}`)) mismatches.push(`case ${i} (${algorithm})`)
    }
    expect(mismatches).toEqual([])
  })
})
