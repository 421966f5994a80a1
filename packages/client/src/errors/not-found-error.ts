import { ApiError } from './api-error.ts'

/** `404 ResourceNotFound`: no credential has the API key the operation named. */
export class NotFoundError extends ApiError {
  override readonly kind = 'not-found' as const
  override name = 'NotFoundError'
}
