import { ApiError } from './api-error.ts'

/** One rule one field broke, in the spec's `FieldError` shape. */
export interface FieldError {
  /** The argument or option (`apiKey`, `status`, `retry.limit`), or a JSON Pointer from the server. */
  field: string
  /** The rule that failed (a JSON Schema keyword where one fits: `minLength`, `enum`, `pattern`). */
  rule: string
  message: string
}

/**
 * `400` from the server (InvalidJSON, ValidationError), or an argument this package refused before
 * sending anything: then `code` is `InvalidArgument`, `status` is 400 (what the server would have
 * answered) and `method`/`url` are unset.
 */
export class ValidationError extends ApiError {
  override readonly kind = 'validation' as const
  override name = 'ValidationError'

  /** Every field and rule that failed. */
  get errors(): FieldError[] {
    const body = this.body as { errors?: unknown } | null
    return Array.isArray(body?.errors) ? (body.errors as FieldError[]) : []
  }

  /** Builds the error for an argument refused before any request. */
  static forArgument(operation: string, error: FieldError): ValidationError {
    const errorMessage = `${error.field} ${error.message} (rule: ${error.rule})`
    return new ValidationError(
      {
        operation,
        status: 400,
        code: 'InvalidArgument',
        body: { errorCode: 'InvalidArgument', errorMessage, errors: [error] },
      },
      `${operation}: ${errorMessage}`,
    )
  }
}
