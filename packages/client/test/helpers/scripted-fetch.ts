// An injected `fetch` that answers from a script and records what it was sent. No global is mocked.
import { createHmac } from 'node:crypto'
import { credentialsContract } from '@solapi/credentials-spec'

export type Reply = Response | Error | ((request: Request) => Response | Promise<Response>)

export interface SentRequest {
  url: string
  method: string
  authorization: string
  headers: Headers
  body: unknown
  at: number
}

/** Answers the n-th request with the n-th reply; the last reply repeats. */
export function scriptedFetch(...replies: Reply[]) {
  const sent: SentRequest[] = []
  const fetch = async (request: Request): Promise<Response> => {
    const text = await request.clone().text()
    sent.push({
      url: request.url,
      method: request.method,
      authorization: request.headers.get('Authorization') ?? '',
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
      at: performance.now(),
    })
    const reply = replies[Math.min(sent.length - 1, replies.length - 1)]
    if (reply instanceof Error) throw reply
    if (typeof reply === 'function') return reply(request)
    if (!reply) throw new Error('scriptedFetch: no reply')
    return reply.clone()
  }
  return { fetch, sent }
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

/** A reply that never answers: it rejects only when the request's signal aborts. */
export function hang(request: Request): Promise<Response> {
  return new Promise((_, reject) => {
    // Under load the signal may already have fired while the body was being recorded.
    if (request.signal.aborted) return reject(request.signal.reason)
    request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true })
  })
}

/** An error shaped like undici's for a refused connection. */
export function connectionRefused(): Error {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
  })
}

/**
 * Parses an Authorization header with the contract's grammar (throwing with the parser's message
 * when it is refused) and checks its signature with node:crypto.
 */
export function verifyAuthorization(header: string, apiSecret: string) {
  const parsed = credentialsContract.parseAuthorization(header)
  if (!parsed.ok) throw new Error(`not an Authorization header: ${parsed.message}`)
  const { algorithm, apiKey, date, salt, signature, rule } = parsed.value
  // The spec names hashes as Web Crypto does (SHA-256, MD5); node:crypto spells them sha256, md5.
  const expected = createHmac(rule.hash.replace('-', '').toLowerCase(), apiSecret)
    .update(date + salt)
    .digest('hex')
  return { algorithm, apiKey, date, salt, signature, valid: expected === signature }
}

export const API_KEY = 'NCSOGH0TB3PDIGV1'
export const API_SECRET = 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B'
export const BASE_URL = 'http://127.0.0.1:9'
