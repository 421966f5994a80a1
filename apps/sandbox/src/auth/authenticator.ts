import type { CredentialsService } from '../credentials-service.js'
import type { SigningRules } from '../spec.js'
import { createAuthorizationParser } from './authorization-header.js'
import type { ReplayCache } from './replay-cache.js'
import { signatureMatches } from './verify-signature.js'

export type AuthFailure = {
  status: 401 | 403
  errorCode:
    | 'MissingAuthorization'
    | 'MalformedAuthorization'
    | 'InvalidAPIKey'
    | 'SignatureDoesNotMatch'
    | 'RequestTimeTooSkewed'
    | 'DuplicatedSignature'
  errorMessage: string
}

export type AuthResult = { ok: true; apiKey: string } | { ok: false; failure: AuthFailure }

/**
 * Checks, in this order: header syntax (401), key exists and is active (403 InvalidAPIKey),
 * signature (403 SignatureDoesNotMatch), date within the skew window (403 RequestTimeTooSkewed),
 * signature not seen before (403 DuplicatedSignature). Time and replay are judged only for a
 * proven holder of the secret, so an unsigned caller cannot fill the replay cache.
 */
export function createAuthenticator(options: {
  rules: SigningRules
  credentials: CredentialsService
  replayCache: ReplayCache
  now: () => number
}) {
  const { rules, credentials, replayCache, now } = options
  const parse = createAuthorizationParser(rules)
  const skewMs = rules.maxClockSkewSeconds * 1000
  const replayMs = rules.replayWindowSeconds * 1000

  return async function authenticate(header: string | null): Promise<AuthResult> {
    const parsed = parse(header)
    if (!parsed.ok) {
      return {
        ok: false,
        failure: { status: 401, errorCode: parsed.code, errorMessage: parsed.message },
      }
    }
    const auth = parsed.value
    const key = await credentials.signingKey(auth.apiKey)
    if (key?.status !== 'active') {
      return fail('InvalidAPIKey', `The API key ${auth.apiKey} is unknown or inactive.`)
    }
    if (!signatureMatches(auth, key.secret)) {
      return fail(
        'SignatureDoesNotMatch',
        `The signature does not match ${auth.algorithm}(apiSecret, date + salt): expected ${auth.signatureHexLength} lower-case hex digits. Check the secret, and that date and salt are signed exactly as sent.`,
      )
    }
    const serverNow = now()
    if (Math.abs(serverNow - auth.dateMs) > skewMs) {
      return fail(
        'RequestTimeTooSkewed',
        `The date ${auth.date} is more than ${rules.maxClockSkewSeconds / 60} minutes from server time ${new Date(serverNow).toISOString()}. Sync your clock; the response's Date header gives server time.`,
      )
    }
    const verdict = replayCache.check(auth.signature, auth.dateMs + replayMs, serverNow)
    if (verdict === 'duplicate') {
      return fail(
        'DuplicatedSignature',
        'This signature was already used. Sign every request, retries included, with a fresh date and salt.',
      )
    }
    if (verdict === 'unverifiable') {
      return fail(
        'RequestTimeTooSkewed',
        `The replay cache is full, so a signature dated ${auth.date} can no longer be checked for reuse. Sign with the current time.`,
      )
    }
    return { ok: true, apiKey: auth.apiKey }
  }
}

function fail(errorCode: AuthFailure['errorCode'], errorMessage: string): AuthResult {
  return { ok: false, failure: { status: 403, errorCode, errorMessage } }
}
