import type { ApiError } from '../errors/api-error.ts'
import type { ErrorContext } from '../errors/credentials-error.ts'
import { NetworkError } from '../errors/network-error.ts'
import { TimeoutError } from '../errors/timeout-error.ts'
import { attemptSignal } from './attempt-signal.ts'
import { errorFromResponse } from './error-from-response.ts'
import { isSurelyUnsent } from './is-surely-unsent.ts'
import type { AttemptFailure } from './retry-policy.ts'

/** The raw `{ data, error, response }` answer of openapi-fetch's `POST`. */
export type RawResult = { data?: unknown; error?: unknown; response: Response }
export type Post = (
  path: string,
  init: { body: unknown; signal: AbortSignal },
) => Promise<RawResult>

/** One call, as every attempt of it sees it. */
export interface PreparedCall {
  context: ErrorContext
  path: string
  limitMs: number
  signal?: AbortSignal
}

/** What one attempt came to: the data, or an error with what the retry decision needs. */
export type AttemptOutcome =
  | { ok: true; data: unknown }
  | {
      ok: false
      error: ApiError | TimeoutError | NetworkError
      failure: AttemptFailure
      response?: Response
    }

/** The error a call rejects with once the caller's signal aborts it. */
export function abortedError(call: PreparedCall, cause: unknown): TimeoutError {
  return new TimeoutError({ ...call.context, reason: 'aborted', timeoutMs: call.limitMs, cause })
}

/**
 * Sends one attempt under its own timeout and classifies the answer. Rejects only when the
 * caller's signal aborted the call; every other failure is an outcome, for the retry decision.
 */
export async function sendAttempt(
  post: Post,
  call: PreparedCall,
  body: unknown,
): Promise<AttemptOutcome> {
  const attempt = attemptSignal(call.limitMs, call.signal)
  try {
    const pending = post(call.path, { body, signal: attempt.signal })
    pending.catch(() => {}) // when the race below is lost, its later rejection is moot
    // Racing the signal, rather than trusting fetch to honour it, keeps the timeout exact even
    // with an injected fetch that ignores signals (or a runtime that drops the abort).
    const { data, error, response } = await Promise.race([pending, attempt.aborted])
    if (response.ok) return { ok: true, data }
    return {
      ok: false,
      error: errorFromResponse(call.context, response.status, error),
      failure: { type: 'status', status: response.status },
      response,
    }
  } catch (cause) {
    if (call.signal?.aborted) throw abortedError(call, call.signal.reason)
    return failedBeforeAnswer(call, cause, attempt.timedOut())
  } finally {
    attempt.dispose()
  }
}

function failedBeforeAnswer(call: PreparedCall, cause: unknown, timedOut: boolean): AttemptOutcome {
  if (timedOut) {
    const error = new TimeoutError({ ...call.context, reason: 'timeout', timeoutMs: call.limitMs })
    return { ok: false, error, failure: { type: 'timeout' } }
  }
  const unsent = isSurelyUnsent(cause)
  const error = new NetworkError({ ...call.context, cause, unsent })
  return { ok: false, error, failure: { type: 'network', unsent } }
}
