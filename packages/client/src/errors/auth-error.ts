import { ApiError } from './api-error.js'

/**
 * `401` (MissingAuthorization, MalformedAuthorization) or `403` (InvalidAPIKey,
 * SignatureDoesNotMatch, RequestTimeTooSkewed, DuplicatedSignature): see `code`.
 */
export class AuthError extends ApiError {
  override readonly kind = 'auth' as const
  override name = 'AuthError'
}
