// @ts-check
// Made-up test credentials in the shapes the spec gives ApiKey and ApiSecret, and control tokens.
import { credentialsContract } from '@solapi/credentials-spec'

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** @param {number} length */
function randomUpperAlnum(length) {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  return Array.from(bytes, (byte) => UPPER_ALNUM[byte % UPPER_ALNUM.length]).join('')
}

/**
 * A random apiKey and apiSecret that match the spec's patterns.
 * @returns {{ apiKey: string, apiSecret: string }}
 */
export function randomCredential() {
  const { apiKey, apiSecret } = credentialsContract.limits
  const made = {
    apiKey: randomUpperAlnum(apiKey.minLength),
    apiSecret: randomUpperAlnum(apiSecret.minLength),
  }
  if (!apiKey.pattern.test(made.apiKey) || !apiSecret.pattern.test(made.apiSecret)) {
    throw new Error('devkit: the spec key shapes are no longer upper-case letters and digits')
  }
  return made
}

/**
 * A random token for the sandbox's control API (`SANDBOX_CONTROL_TOKEN`): 32 bytes, base64url.
 * @returns {string}
 */
export function randomControlToken() {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')
}
