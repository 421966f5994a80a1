import { ApiError, type ApiErrorInit } from '../errors/api-error.ts'
import { AuthError } from '../errors/auth-error.ts'
import type { ErrorContext } from '../errors/credentials-error.ts'
import { NotFoundError } from '../errors/not-found-error.ts'
import { ValidationError } from '../errors/validation-error.ts'

/** Maps an error response to its class: 400 validation, 401/403 auth, 404 not found, else api. */
export function errorFromResponse(context: ErrorContext, status: number, body: unknown): ApiError {
  const init: ApiErrorInit = { ...context, status, code: errorCode(body), body }
  if (status === 400) return new ValidationError(init)
  if (status === 401 || status === 403) return new AuthError(init)
  if (status === 404) return new NotFoundError(init)
  return new ApiError(init)
}

function errorCode(body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const { errorCode, resultCode } = body as { errorCode?: unknown; resultCode?: unknown }
    if (typeof errorCode === 'string') return errorCode
    if (typeof resultCode === 'string') return resultCode
  }
  return 'UnexpectedResponse'
}
