/**
 * The signing rules of the spec (`components.securitySchemes.hmacAuthorization['x-solapi-signing']`
 * in spec/dist/openapi.json), written out so the package carries no JSON at runtime.
 * test/signing/rules.test.ts fails when they drift from the spec.
 */

/** The `Authorization` methods the API accepts, in the spec's order. */
export const SIGNING_ALGORITHMS = ['HMAC-SHA256', 'HMAC-MD5'] as const

/** One of the API's signing methods. */
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number]

export const DEFAULT_ALGORITHM: SigningAlgorithm = 'HMAC-SHA256'

export const SALT_MIN_LENGTH = 12
export const SALT_MAX_LENGTH = 64
export const SALT_PATTERN = /^[A-Za-z0-9_-]{12,64}$/

/** ISO 8601 / RFC 3339 date-time with a time zone, as the server parses it. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/

/** Dates further than this from server time are refused with `403 RequestTimeTooSkewed`. */
export const MAX_CLOCK_SKEW_SECONDS = 900
