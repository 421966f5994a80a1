import type { FieldError } from '@solapi/credentials-spec'
import type { Context } from 'hono'
import type { RequestIdVariables } from 'hono/request-id'
import type { Diagnosis } from '../domain/auth/signature-hints.js'
import type { AccountNumber } from '../domain/storage.js'

/** What the middleware of one request tells the next ones (and the journal). */
export type Env = {
  Variables: RequestIdVariables & {
    /** A Credentials API request's signer, as authenticated once (signed-request.ts). */
    signed: SignedRequest
    /** The errorCode (or resultCode) of an error answer, for the journal. */
    errorCode: string
    /** The signing mistake a refused signature matches, when the signature doctor found one. */
    diagnosis: Diagnosis
    /** The fault rule that answered, if one did. */
    faultId: string
    /** Whether any fault rule applied when the request arrived (so whether to look for one). */
    faulty: boolean
    /** When the request arrived, by the sandbox clock as the store holds it. */
    arrived: number
    /** The request body, read and checked against its schema (validated-body.ts). */
    body: unknown
  }
}

/** What authenticating a Credentials API request found, once (signed-request.ts). */
export interface SignedRequest {
  /** The key the request was signed with, when its Authorization header is well formed. */
  apiKey: string | null
  /** The header with its signature masked; null when absent or malformed (it is not echoed). */
  maskedAuthorization: string | null
  /** The signer's account; only an authenticated request gets past signedRequest. */
  account: AccountNumber | undefined
}

export type ErrorStatus =
  | 400
  | 401
  | 403
  | 404
  | 405
  | 409
  | 413
  | 415
  | 429
  | 500
  | 502
  | 503
  | 504

/** An answer in the spec's shared error shape, its code noted for the journal. */
export function errorAnswer(
  c: Context<Env>,
  status: ErrorStatus,
  errorCode: string,
  errorMessage: string,
  errors?: FieldError[],
) {
  c.set('errorCode', errorCode)
  return c.json(errors ? { errorCode, errorMessage, errors } : { errorCode, errorMessage }, status)
}

/** A summary of field errors for an errorMessage: each field (or `(body)`) and what it broke. */
export function summarize(errors: FieldError[]): string {
  return errors.map((e) => `${e.field || '(body)'} ${e.message}`).join('; ')
}
