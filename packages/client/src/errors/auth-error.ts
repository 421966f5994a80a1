import { ApiError } from './api-error.ts'

/**
 * `401` (MissingAuthorization, MalformedAuthorization) or `403` (InvalidAPIKey,
 * SignatureDoesNotMatch, RequestTimeTooSkewed, DuplicatedSignature): see `code`.
 */
export class AuthError extends ApiError {
  override readonly kind = 'auth' as const
  override name = 'AuthError'
}
