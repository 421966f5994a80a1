import { CredentialsError, type ErrorContext } from './credentials-error.ts'

export interface ApiErrorInit extends ErrorContext {
  /** The HTTP status. */
  status: number
  /** The body's `errorCode`, or its `resultCode` (404), or `UnexpectedResponse`. */
  code: string
  /** The parsed response body (text when it was not JSON). */
  body: unknown
}

/**
 * The server answered with an error status. Subclasses name the common cases; this class is
 * used as-is for the rest (409, 413, 415, 429, 5xx, ...).
 */
export class ApiError extends CredentialsError {
  readonly kind: 'api' | 'not-found' | 'auth' | 'validation' = 'api'
  override name = 'ApiError'
  readonly status: number
  readonly code: string
  readonly body: unknown

  constructor(init: ApiErrorInit, message?: string) {
    super(
      message ?? `${init.operation} ${init.method} ${init.url} ${init.status} ${init.code}`,
      init,
    )
    this.status = init.status
    this.code = init.code
    this.body = init.body
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, code: this.code, body: this.body }
  }
}
