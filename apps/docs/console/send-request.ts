// One signed call: the page signs it itself with the client package's signAuthorization (a fresh
// date and salt each time, as the API requires) and sends it with fetch. What comes back is what
// the console shows: the status, the Date and Retry-After headers, the body, and the
// Authorization header that was sent, its signature masked.
import { redactAuthorization, signAuthorization } from '@solapi/credentials-client'

export interface SignedCall {
  url: string
  method: string
  body: string
  apiKey: string
  apiSecret: string
}

export interface Answer {
  status: number
  /** The API's errorCode when the body has one, else the HTTP reason phrase. */
  reason: string
  /** The server's diagnosis when the body has one (the sandbox names a signing mistake). */
  hint: string | undefined
  date: string | null
  retryAfter: string | null
  body: string
  /** The header that was sent, signature redacted. */
  authorization: string
}

/**
 * Rejects with the client's ValidationError, before sending anything, when the key or secret
 * cannot sign (empty, or a key with a space or comma); with a TypeError when fetch gets no answer.
 */
export async function sendSigned(call: SignedCall): Promise<Answer> {
  const authorization = signAuthorization({ apiKey: call.apiKey, apiSecret: call.apiSecret })
  const response = await fetch(call.url, {
    method: call.method,
    headers: { Authorization: authorization, 'Content-Type': 'application/json' },
    body: call.body,
    // Nothing of the docs origin (cookies) goes along, whichever server is chosen.
    credentials: 'omit',
  })
  const text = await response.text()
  let body = text
  let errorCode: unknown
  let hint: unknown
  try {
    const json = JSON.parse(text)
    body = JSON.stringify(json, null, 2)
    errorCode = json?.errorCode
    hint = json?.hint
  } catch {
    // Not JSON (a proxy's or a gateway's text): shown as it came.
  }
  return {
    status: response.status,
    reason: typeof errorCode === 'string' ? errorCode : response.statusText,
    hint: typeof hint === 'string' ? hint : undefined,
    date: response.headers.get('Date'),
    retryAfter: response.headers.get('Retry-After'),
    body,
    authorization: redactAuthorization(authorization),
  }
}
