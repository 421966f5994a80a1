import type { OperationId } from './operations.ts'

/**
 * - `idempotent`: retry network errors, timeouts and 408, 429, 500, 502, 503, 504.
 * - `unsent-only`: retry only what surely did not reach the server or was refused before any
 *   work: connection refused / DNS failures, 429 and 503. For operations that must not run twice.
 * - `never`: no retries.
 */
export type RetryPolicy = 'idempotent' | 'unsent-only' | 'never'

export interface RetryOptions {
  /** Retries after the first attempt (not counting the one re-signed retry on clock skew). @default 2 */
  limit?: number
  /** The backoff cap of the first retry; it doubles for each further retry. @default 300 */
  baseDelayMs?: number
  /** The largest backoff; a `Retry-After` longer than this ends the retries. @default 10000 */
  maxDelayMs?: number
  /** Overrides of the per-operation policy. @default DEFAULT_RETRY_POLICIES */
  policies?: Partial<Record<OperationId, RetryPolicy>>
}

export const RETRY_DEFAULTS = { limit: 2, baseDelayMs: 300, maxDelayMs: 10_000 } as const

/** Reads and idempotent writes retry; creating a key or rotating a secret must not run twice. */
export const DEFAULT_RETRY_POLICIES: Readonly<Record<OperationId, RetryPolicy>> = {
  createCredential: 'unsent-only',
  getCredentialInfo: 'idempotent',
  regenerateSecretKey: 'unsent-only',
  getCredentialList: 'idempotent',
  updateCredentialStatus: 'idempotent',
  deleteCredential: 'idempotent',
}

const RETRY_STATUSES: Record<RetryPolicy, ReadonlySet<number>> = {
  idempotent: new Set([408, 429, 500, 502, 503, 504]),
  'unsent-only': new Set([429, 503]),
  never: new Set(),
}

/** A failed attempt, as the retry decision sees it. */
export type AttemptFailure =
  | { type: 'status'; status: number }
  | { type: 'timeout' }
  | { type: 'network'; unsent: boolean }

export function shouldRetry(policy: RetryPolicy, failure: AttemptFailure): boolean {
  if (policy === 'never') return false
  if (failure.type === 'status') return RETRY_STATUSES[policy].has(failure.status)
  if (policy === 'idempotent') return true
  return failure.type === 'network' && failure.unsent
}

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(maxDelayMs, baseDelayMs * 2^n))
 * for the n-th retry (0-based), so that many clients do not retry in step.
 */
export function backoffDelay(
  retryIndex: number,
  options: { baseDelayMs: number; maxDelayMs: number },
  random: () => number = Math.random,
): number {
  return Math.floor(random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retryIndex))
}

/** `Retry-After` in ms (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * How long to wait before the next retry, or undefined when the call should fail now: the
 * retries are spent, the policy refuses this failure, or the server asks for a longer wait
 * (`Retry-After`) than `maxDelayMs`.
 */
export function nextRetryDelay(
  policy: RetryPolicy,
  failure: AttemptFailure,
  retryAfter: string | null,
  retriesSoFar: number,
  retry: { limit: number; baseDelayMs: number; maxDelayMs: number },
): number | undefined {
  if (retriesSoFar >= retry.limit || !shouldRetry(policy, failure)) return undefined
  const retryAfterMs = parseRetryAfter(retryAfter)
  if (retryAfterMs !== undefined && retryAfterMs > retry.maxDelayMs) return undefined
  return retryAfterMs ?? backoffDelay(retriesSoFar, retry)
}
