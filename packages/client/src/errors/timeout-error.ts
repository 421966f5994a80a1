import { CredentialsError, type ErrorContext } from './credentials-error.ts'

export interface TimeoutErrorInit extends ErrorContext {
  /** `timeout`: an attempt outlived `timeoutMs`; `aborted`: the caller's signal fired. */
  reason: 'timeout' | 'aborted'
  /** The per-attempt limit that applied. */
  timeoutMs: number
}

/** The call was cut short: an attempt timed out (after any retries), or the caller aborted it. */
export class TimeoutError extends CredentialsError {
  readonly kind = 'timeout' as const
  override name = 'TimeoutError'
  readonly reason: 'timeout' | 'aborted'
  readonly timeoutMs: number

  constructor(init: TimeoutErrorInit) {
    const what =
      init.reason === 'timeout' ? `timed out after ${init.timeoutMs} ms` : 'aborted by the caller'
    super(`${init.operation} ${init.method} ${init.url} ${what}`, init)
    this.reason = init.reason
    this.timeoutMs = init.timeoutMs
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason, timeoutMs: this.timeoutMs }
  }
}
