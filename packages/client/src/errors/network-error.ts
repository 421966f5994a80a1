import { CredentialsError, type ErrorContext } from './credentials-error.ts'

export interface NetworkErrorInit extends ErrorContext {
  /** True when the request surely never reached the server (connection refused, DNS failure). */
  unsent: boolean
}

/** `fetch` failed: no HTTP response arrived, or its body could not be read. `cause` has the original. */
export class NetworkError extends CredentialsError {
  readonly kind = 'network' as const
  override name = 'NetworkError'
  readonly unsent: boolean

  constructor(init: NetworkErrorInit) {
    const detail = init.cause instanceof Error ? `: ${init.cause.message}` : ''
    super(`${init.operation} ${init.method} ${init.url} network error${detail}`, init)
    this.unsent = init.unsent
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), unsent: this.unsent }
  }
}
