import { SIGNATURE_HINTS, type SignatureHint } from '../generated/signing-rules.ts'
import { ApiError, type ApiErrorInit } from './api-error.ts'

/** The most of the server's explanation a message repeats. */
const MAX_EXPLANATION = 400

/**
 * `401` (MissingAuthorization, MalformedAuthorization) or `403` (InvalidAPIKey,
 * SignatureDoesNotMatch, RequestTimeTooSkewed, DuplicatedSignature): see `code`.
 */
export class AuthError extends ApiError {
  override readonly kind = 'auth' as const
  override name = 'AuthError'
  /**
   * On `403 SignatureDoesNotMatch` from a server that diagnoses it (the sandbox's signature
   * doctor): the signing mistake the refused signature matches, such as `salt-before-date`; the
   * message then ends with the server's explanation. Undefined when none was named (and for a
   * code this version does not know).
   */
  readonly hint: SignatureHint | undefined

  constructor(init: ApiErrorInit, message?: string) {
    super(init, message)
    const { hint, errorMessage } = (init.body ?? {}) as { hint?: unknown; errorMessage?: unknown }
    this.hint = SIGNATURE_HINTS.find((known) => known === hint)
    if (this.hint && message === undefined) {
      this.message += ` (hint: ${this.hint})${typeof errorMessage === 'string' ? `: ${explanation(errorMessage)}` : ''}`
    }
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), hint: this.hint }
  }
}

/** The server's sentence, printable and bounded. */
function explanation(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it strips.
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ')
  return clean.length > MAX_EXPLANATION ? `${clean.slice(0, MAX_EXPLANATION)}...` : clean
}
