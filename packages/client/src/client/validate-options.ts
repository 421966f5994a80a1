import { ValidationError } from '../errors/validation-error.ts'
import { CREDENTIAL_STATUSES } from '../generated/signing-rules.ts'
import {
  DEFAULT_RETRY_POLICIES,
  RETRY_DEFAULTS,
  type RetryOptions,
  type RetryPolicy,
} from './retry-policy.ts'

const MAX_TIMER_MS = 2_147_483_647
const POLICIES: readonly RetryPolicy[] = ['idempotent', 'unsent-only', 'never']

export type ResolvedRetry = Required<Omit<RetryOptions, 'policies'>> & {
  policies: typeof DEFAULT_RETRY_POLICIES
}

function refuse(operation: string, field: string, rule: string, message: string): ValidationError {
  return ValidationError.forArgument(operation, { field, rule, message })
}

/** A per-attempt timeout: a positive number of ms that a timer can hold. */
export function checkTimeout(operation: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0) || value > MAX_TIMER_MS) {
    throw refuse(operation, field, 'range', `must be a number of ms in (0, ${MAX_TIMER_MS}]`)
  }
  return value
}

export function checkBaseUrl(value: unknown): string {
  if (typeof value !== 'string' || !URL.canParse(value) || !/^https?:/.test(value)) {
    throw refuse('createCredentialsClient', 'baseUrl', 'format', 'must be an http(s) URL')
  }
  return value.replace(/\/+$/, '')
}

export function resolveRetry(value: RetryOptions | false | undefined): ResolvedRetry {
  const op = 'createCredentialsClient'
  if (value === false) return { ...RETRY_DEFAULTS, limit: 0, policies: DEFAULT_RETRY_POLICIES }
  const options = value ?? {}
  const resolved = { ...RETRY_DEFAULTS, ...options }
  for (const key of ['limit', 'baseDelayMs', 'maxDelayMs'] as const) {
    const n = resolved[key]
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw refuse(op, `retry.${key}`, 'minimum', 'must be an integer >= 0')
    }
  }
  for (const [operation, policy] of Object.entries(options.policies ?? {})) {
    if (!(operation in DEFAULT_RETRY_POLICIES)) {
      throw refuse(op, `retry.policies.${operation}`, 'propertyNames', 'is not an operation')
    }
    if (!POLICIES.includes(policy)) {
      throw refuse(
        op,
        `retry.policies.${operation}`,
        'enum',
        `must be one of ${POLICIES.join(', ')}`,
      )
    }
  }
  return { ...resolved, policies: { ...DEFAULT_RETRY_POLICIES, ...options.policies } }
}

/** An apiKey argument of an operation: a non-empty string. The server checks its pattern. */
export function checkApiKeyArgument(operation: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw refuse(operation, 'apiKey', 'minLength', 'must be a non-empty string')
  }
  return value
}

export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number]

export function checkStatusArgument(operation: string, value: unknown): CredentialStatus {
  if (!(CREDENTIAL_STATUSES as readonly unknown[]).includes(value)) {
    throw refuse(operation, 'status', 'enum', `must be one of ${CREDENTIAL_STATUSES.join(', ')}`)
  }
  return value as CredentialStatus
}
