// Turns whatever ended a command into its exit code, a line on stderr and, with --json, the
// error document on stdout. The server's errorCode and errorMessage are shown as they are (the
// spec promises they never hold a secret), and so is the signing mistake a diagnosing server
// named (AuthError#hint, one of the spec's codes); nothing else of a response is.
import {
  ApiError,
  AuthError,
  CredentialsError,
  NetworkError,
  type SignatureHint,
  TimeoutError,
} from '@solapi/credentials-client'
import { BIN } from './bin-name.js'
import { CliError, UsageError } from './errors.js'
import { EXIT, type ExitCode } from './exit-codes.js'

export interface FailureOut {
  kind: string
  message: string
  option?: string
  operation?: string
  status?: number
  errorCode?: string
  errorMessage?: string
  /** The signing mistake the server diagnosed (403 SignatureDoesNotMatch), e.g. `secret-whitespace`. */
  hint?: SignatureHint
  errors?: { field: string; rule: string; message: string }[]
}

const UNAVAILABLE = new Set([429, 502, 503, 504])

function bodyField(body: unknown, field: string): string | undefined {
  const value = (body as Record<string, unknown> | null | undefined)?.[field]
  return typeof value === 'string' ? value : undefined
}

export function describeFailure(error: unknown): { exitCode: ExitCode; failure: FailureOut } {
  if (error instanceof UsageError) {
    return {
      exitCode: error.exitCode,
      failure: { kind: error.kind, message: error.message, option: error.option },
    }
  }
  if (error instanceof CliError) {
    return { exitCode: error.exitCode, failure: { kind: error.kind, message: error.message } }
  }
  if (error instanceof ApiError) {
    const errorMessage = bodyField(error.body, 'errorMessage')
    const hint = error instanceof AuthError ? error.hint : undefined
    const errors = (error.body as { errors?: FailureOut['errors'] } | undefined)?.errors
    const clientSide = error.code === 'InvalidArgument'
    const exitCode = clientSide
      ? EXIT.usage
      : UNAVAILABLE.has(error.status)
        ? EXIT.unavailable
        : EXIT.refused
    const what = clientSide
      ? error.message
      : `${error.operation} ${error.status} ${error.code}${hint ? ` (hint: ${hint})` : ''}${errorMessage ? `: ${errorMessage}` : ''}`
    return {
      exitCode,
      failure: {
        kind: clientSide ? 'usage' : exitCode === EXIT.refused ? 'refused' : 'unavailable',
        message: what,
        operation: error.operation,
        status: error.status,
        errorCode: error.code,
        ...(errorMessage ? { errorMessage } : {}),
        ...(hint ? { hint } : {}),
        ...(Array.isArray(errors) && errors.length ? { errors } : {}),
      },
    }
  }
  if (error instanceof TimeoutError && error.reason === 'aborted') {
    return {
      exitCode: EXIT.interrupted,
      failure: {
        kind: 'interrupted',
        message: `${error.operation}: interrupted`,
        operation: error.operation,
      },
    }
  }
  if (error instanceof TimeoutError || error instanceof NetworkError) {
    return {
      exitCode: EXIT.unavailable,
      failure: {
        kind: 'unavailable',
        message:
          error instanceof TimeoutError
            ? `${error.operation}: no answer within ${error.timeoutMs} ms (${error.url})`
            : `${error.operation}: cannot reach ${error.url}${error.unsent ? ' (nothing was sent)' : ' (the answer was lost)'}`,
        operation: error.operation,
      },
    }
  }
  if (error instanceof CredentialsError) {
    return { exitCode: EXIT.internal, failure: { kind: 'internal', message: error.message } }
  }
  const message = error instanceof Error ? error.message : String(error)
  return {
    exitCode: EXIT.internal,
    failure: { kind: 'internal', message: `${BIN} failed: ${message}` },
  }
}
