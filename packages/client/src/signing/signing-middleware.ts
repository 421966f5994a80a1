import type { Middleware } from 'openapi-fetch'
import { createSigner, type Signer, type SignerOptions } from './create-signer.ts'

export interface SigningMiddlewareOptions extends SignerOptions {
  /** The current time in ms since the epoch. @default Date.now */
  now?: (() => number) | undefined
}

/** The middleware object: openapi-fetch style, with `onRequest` only. */
export type SigningMiddleware = Middleware & { onRequest: NonNullable<Middleware['onRequest']> }

/**
 * openapi-fetch middleware that sets a freshly signed `Authorization` header (new date and salt)
 * on every request it sees, retries included. The key is prepared once, here.
 *
 * @example client.use(createSigningMiddleware({ apiKey, apiSecret }))
 */
export function createSigningMiddleware(options: SigningMiddlewareOptions): SigningMiddleware {
  return middlewareFor(createSigner(options, 'createSigningMiddleware'), options.now)
}

/** Wraps a prepared signer; the client uses this with a clock that adds its learned offset. */
export function middlewareFor(sign: Signer, now: () => number = Date.now): SigningMiddleware {
  return {
    onRequest({ request }) {
      request.headers.set('Authorization', sign({ date: new Date(now()) }))
      return request
    },
  }
}
