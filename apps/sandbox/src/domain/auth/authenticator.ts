import { type AuthorizationParse, credentialsContract } from '@solapi/credentials-spec'
import type { CredentialsService } from '../credentials-service.js'
import type { AccountNumber, ReplayFull, ReplayLedgerStore } from '../storage.js'
import type { SignatureDoctor } from './signature-doctor.js'
import type { Diagnosis } from './signature-hints.js'
import { signatureMatches } from './verify-signature.js'

export type AuthFailure = {
  status: 401 | 403 | 429
  errorCode:
    | 'MissingAuthorization'
    | 'MalformedAuthorization'
    | 'InvalidAPIKey'
    | 'SignatureDoesNotMatch'
    | 'RequestTimeTooSkewed'
    | 'DuplicatedSignature'
    | 'TooManyRequests'
  errorMessage: string
  /** On SignatureDoesNotMatch, the mistake the signature doctor found; errorMessage says it. */
  diagnosis?: Diagnosis
  /** With 429: the Retry-After header's seconds. */
  retryAfterSeconds?: number
}

export type AuthResult =
  | { ok: true; apiKey: string; account: AccountNumber }
  | { ok: false; failure: AuthFailure }

/**
 * Checks, in this order: header syntax (401), key exists and is active (403 InvalidAPIKey),
 * signature (403 SignatureDoesNotMatch), date within the skew window (403 RequestTimeTooSkewed),
 * signature not seen before (403 DuplicatedSignature) and recorded (429 TooManyRequests when the
 * replay ledger has no room). Time and replay are judged only for a proven holder of the secret,
 * so an unsigned caller cannot fill the replay ledger. The signer's account is the only one the
 * request may see. With a `doctor`, a refused signature of a known key is explained by the
 * signing mistake it matches, if any.
 */
export function createAuthenticator(options: {
  credentials: CredentialsService
  replay: ReplayLedgerStore
  now: () => number
  doctor?: SignatureDoctor | undefined
}) {
  const { credentials, replay, now, doctor } = options
  const { maxClockSkewSeconds, replayWindowSeconds } = credentialsContract.signing

  /** `parsed` is the request's Authorization header as the spec module parsed it. */
  return async function authenticate(parsed: AuthorizationParse): Promise<AuthResult> {
    if (!parsed.ok) {
      return {
        ok: false,
        failure: { status: 401, errorCode: parsed.code, errorMessage: parsed.message },
      }
    }
    const auth = parsed.value
    const key = await credentials.signer(auth.apiKey)
    if (key?.status !== 'active') {
      return fail('InvalidAPIKey', `The API key ${auth.apiKey} is unknown or inactive.`)
    }
    if (!signatureMatches(auth, key.secret)) {
      const diagnosis = await doctor?.(auth, key)
      if (diagnosis) return fail('SignatureDoesNotMatch', diagnosis.message, diagnosis)
      return fail(
        'SignatureDoesNotMatch',
        `The signature does not match ${auth.algorithm}(apiSecret, date + salt): expected ${auth.rule.signatureHexLength} lower-case hex digits. Check the secret, and that date and salt are signed exactly as sent.`,
      )
    }
    const serverNow = now()
    if (Math.abs(serverNow - auth.dateMs) > maxClockSkewSeconds * 1000) {
      return fail(
        'RequestTimeTooSkewed',
        `The date ${auth.date} is more than ${maxClockSkewSeconds / 60} minutes from server time ${new Date(serverNow).toISOString()}. Sync your clock; the response's Date header gives server time.`,
      )
    }
    const expiresAt = auth.dateMs + replayWindowSeconds * 1000
    const verdict = await replay.recordSignature(
      key.account,
      auth.apiKey,
      auth.signature,
      expiresAt,
      serverNow,
    )
    if (verdict === 'duplicate') {
      return fail(
        'DuplicatedSignature',
        'This signature was already used. Sign every request, retries included, with a fresh date and salt.',
      )
    }
    if (verdict !== 'fresh') return replayLedgerFull(verdict)
    return { ok: true, apiKey: auth.apiKey, account: key.account }
  }
}

/**
 * 429: the signature is valid, but the ledger has no room to remember it, and one it could not
 * remember could be replayed. Nothing is wrong with the request, so it is no 403: retried after
 * `Retry-After` seconds, when the oldest record in the way has expired, it succeeds.
 */
function replayLedgerFull(full: ReplayFull): AuthResult {
  const retryAfterSeconds = Math.max(1, Math.ceil(full.retryAfterMs / 1000))
  const whose =
    full.full === 'account'
      ? "This account holds its whole share of the sandbox's replay ledger (SANDBOX_REPLAY_CAPACITY_PER_ACCOUNT live signatures)"
      : "The sandbox's replay ledger holds as many live signatures as it may (SANDBOX_REPLAY_CAPACITY)"
  return {
    ok: false,
    failure: {
      status: 429,
      errorCode: 'TooManyRequests',
      errorMessage: `${whose}, so it cannot record another to check it for reuse. Retry after ${retryAfterSeconds} seconds, signed afresh.`,
      retryAfterSeconds,
    },
  }
}

function fail(
  errorCode: AuthFailure['errorCode'],
  errorMessage: string,
  diagnosis?: Diagnosis,
): AuthResult {
  return {
    ok: false,
    failure: { status: 403, errorCode, errorMessage, ...(diagnosis ? { diagnosis } : {}) },
  }
}
