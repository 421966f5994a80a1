import { ValidationError } from '../errors/validation-error.ts'
import {
  DATE_PATTERN,
  DEFAULT_ALGORITHM,
  formatAuthorization,
  SALT_MAX_LENGTH,
  SALT_MIN_LENGTH,
  SALT_PATTERN,
  SIGNING_ALGORITHMS,
  type SigningAlgorithm,
  signingString,
} from '../generated/signing-rules.ts'
import { createHmacHex } from './hmac-hex.ts'
import { randomSalt } from './random-salt.ts'

export interface SignerOptions {
  /** The credential's public key, sent in the header. */
  apiKey: string
  /** The HMAC key. Held in a closure, never on an object, an error or a log line. */
  apiSecret: string
  /** @default 'HMAC-SHA256' */
  algorithm?: SigningAlgorithm | undefined
}

export interface SignInput {
  /** ISO 8601 date with a time zone, or a `Date`. @default the current time */
  date?: Date | string | undefined
  /** 12-64 characters of `A-Z a-z 0-9 _ -`. @default a fresh random 32-character salt */
  salt?: string | undefined
}

/** Signs the spec's signing string (`date + salt`) into a full `Authorization` header value. */
export type Signer = (input?: SignInput) => string

/**
 * Checks the options and prepares the HMAC key once; the returned signer is synchronous.
 * `operation` names the caller in validation errors.
 */
export function createSigner(options: SignerOptions, operation = 'signAuthorization'): Signer {
  const { apiKey, apiSecret } = options
  const algorithm = options.algorithm ?? DEFAULT_ALGORITHM
  const refuse = (field: string, rule: string, message: string) =>
    ValidationError.forArgument(operation, { field, rule, message })

  if (typeof apiKey !== 'string' || apiKey.length === 0) {
    throw refuse('apiKey', 'minLength', 'must be a non-empty string')
  }
  if (/[\s,]/.test(apiKey)) {
    throw refuse('apiKey', 'pattern', 'must not contain spaces or commas (it goes in a header)')
  }
  if (typeof apiSecret !== 'string' || apiSecret.length === 0) {
    throw refuse('apiSecret', 'minLength', 'must be a non-empty string')
  }
  if (!(SIGNING_ALGORITHMS as readonly unknown[]).includes(algorithm)) {
    throw refuse('algorithm', 'enum', `must be one of ${SIGNING_ALGORITHMS.join(', ')}`)
  }
  const hmacHex = createHmacHex(algorithm, apiSecret)

  return (input = {}) => {
    const date = formatDate(input.date ?? new Date(), refuse)
    const salt = input.salt ?? randomSalt()
    if (typeof salt !== 'string' || !SALT_PATTERN.test(salt)) {
      throw refuse(
        'salt',
        'pattern',
        `must be ${SALT_MIN_LENGTH}-${SALT_MAX_LENGTH} characters of A-Z a-z 0-9 _ - (${SALT_PATTERN})`,
      )
    }
    const signature = hmacHex(signingString(date, salt))
    return formatAuthorization({ algorithm, apiKey, date, salt, signature })
  }
}

function formatDate(
  date: Date | string,
  refuse: (field: string, rule: string, message: string) => ValidationError,
): string {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw refuse('date', 'format', 'must be a valid Date')
    return date.toISOString()
  }
  if (typeof date !== 'string' || !DATE_PATTERN.test(date)) {
    throw refuse('date', 'format', 'must be an ISO 8601 date-time with a time zone')
  }
  return date
}
