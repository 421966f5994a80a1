// The Credentials API's authentication, once per request: the Authorization header parsed by the
// spec module and judged by the authenticator (domain/auth/authenticator.ts). Its one result, in
// the context as `signed`, is what the handler takes the signer's account from and what the
// journal records: the key and the header with its signature masked, never the signature.
import { type AuthorizationParse, credentialsContract } from '@solapi/credentials-spec'
import type { MiddlewareHandler } from 'hono'
import type { AuthResult } from '../domain/auth/authenticator.js'
import type { AccountNumber } from '../domain/storage.js'
import { type Env, errorAnswer, type SignedRequest } from './context.js'

export type Authenticate = (parsed: AuthorizationParse) => Promise<AuthResult>

export function signedRequest(authenticate: Authenticate): MiddlewareHandler<Env> {
  return async (c, next) => {
    const parsed = credentialsContract.parseAuthorization(c.req.header('Authorization'))
    const auth = await authenticate(parsed)
    c.set('signed', {
      apiKey: parsed.ok ? parsed.value.apiKey : null,
      // A malformed header may hold a signature or a secret in the wrong place.
      maskedAuthorization: parsed.ok
        ? credentialsContract.formatAuthorization({ ...parsed.value, signature: '***' })
        : null,
      account: auth.ok ? auth.account : undefined,
    })
    if (auth.ok) return next()
    const { status, errorCode, errorMessage, diagnosis, retryAfterSeconds } = auth.failure
    if (retryAfterSeconds !== undefined) c.header('Retry-After', String(retryAfterSeconds))
    if (!diagnosis) return errorAnswer(c, status, errorCode, errorMessage)
    // The spec's `hint` beside the sentence that explains it; the journal keeps both.
    c.set('diagnosis', diagnosis)
    c.set('errorCode', errorCode)
    return c.json({ errorCode, errorMessage, hint: diagnosis.hint }, status)
  }
}

/** The signer's account, in a route behind signedRequest. */
export function signerOf(signed: SignedRequest): AccountNumber {
  if (signed.account === undefined) throw new Error('route reached without an authenticated signer')
  return signed.account
}
