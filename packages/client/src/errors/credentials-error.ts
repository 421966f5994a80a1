/** The discriminant of every error this package throws. */
export type CredentialsErrorKind =
  | 'api'
  | 'not-found'
  | 'auth'
  | 'validation'
  | 'timeout'
  | 'network'

/** Where an error happened: the operation and, once a request was built, its method and URL. */
export interface ErrorContext {
  /** The operationId (`getCredentialInfo`) or the function (`createCredentialsClient`). */
  operation: string
  method?: string | undefined
  url?: string | undefined
  cause?: unknown
}

/**
 * The base of every error this package throws or rejects with. Narrow with `instanceof` or with
 * `kind`. No error ever holds the apiSecret, a signature or a request's headers.
 */
export abstract class CredentialsError extends Error {
  abstract readonly kind: CredentialsErrorKind
  override name = 'CredentialsError'
  readonly operation: string
  readonly method: string | undefined
  readonly url: string | undefined

  constructor(message: string, context: ErrorContext) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause })
    this.operation = context.operation
    this.method = context.method
    this.url = context.url
  }

  /** A plain object for logs and JSON; the same fields as the error, never a secret. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      operation: this.operation,
      method: this.method,
      url: this.url,
    }
  }
}
