// One HTTP request and its response, recorded whole so that a failing check can print exactly
// what was sent and received (with secrets masked).
import { redactAuthorization } from '@solapi/credentials-client'
import { redactSecrets, redactText } from './redact.js'

export interface SentRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: Uint8Array
}

export interface ReceivedResponse {
  status: number
  /** Media type without parameters, lower case; `undefined` when the header is absent. */
  mediaType: string | undefined
  headers: Record<string, string>
  text: string
}

export interface Exchange {
  request: SentRequest
  response: ReceivedResponse
}

export interface ExchangeOptions {
  /** @default 10000 */
  timeoutMs?: number
  /** Aborts the request (with the signal's reason) when the caller stops. */
  signal?: AbortSignal
}

const encoder = new TextEncoder()

export function jsonBody(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value))
}

export async function exchange(
  request: SentRequest,
  options: number | ExchangeOptions = {},
): Promise<Exchange> {
  const { timeoutMs = 10_000, signal } =
    typeof options === 'number' ? { timeoutMs: options } : options
  const timeout = AbortSignal.timeout(timeoutMs)
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: new Uint8Array(request.body), // a copy backed by a plain ArrayBuffer, as BodyInit wants
    signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
  })
  const text = await response.text()
  const contentType = response.headers.get('content-type')
  return {
    request,
    response: {
      status: response.status,
      mediaType: contentType?.split(';')[0]?.trim().toLowerCase(),
      headers: Object.fromEntries(response.headers),
      text,
    },
  }
}

/**
 * The body as text, secrets masked, cut at `limit` characters. Masking comes first, on the whole
 * body, so that the cut can never leave part of a secret showing.
 */
function bodyPreview(bytes: Uint8Array, limit = 600): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  let shown: string
  try {
    shown = JSON.stringify(redactSecrets(JSON.parse(text)))
  } catch {
    shown = JSON.stringify(redactText(text))
  }
  return shown.length > limit ? `${shown.slice(0, limit)} … (${bytes.length} bytes in all)` : shown
}

/** The request half of `describeExchange`: method, URL, headers and body. */
export function describeRequest(request: SentRequest): string[] {
  const headers = Object.entries(request.headers)
    .map(
      ([name, value]) =>
        `  ${name}: ${name.toLowerCase() === 'authorization' ? redactAuthorization(value) : value}`,
    )
    .join('\n')
  return [
    `${request.method} ${request.url}`,
    headers || '  (no headers)',
    `  body: ${bodyPreview(request.body)}`,
  ]
}

/** The response half of `describeExchange`: status, content type and body. */
export function describeResponse(response: ReceivedResponse): string[] {
  return [
    `→ ${response.status} ${response.mediaType ?? '(no content-type)'}`,
    `  body: ${bodyPreview(encoder.encode(response.text))}`,
  ]
}

/**
 * A printable account of the exchange: method, URL, headers, body; status, type, body. The
 * signature and every `*secret*` member are masked; `mask` can scrub more (e.g. known secrets
 * that a server echoed in a message).
 */
export function describeExchange(
  { request, response }: Exchange,
  mask: (text: string) => string = (text) => text,
): string {
  return mask([...describeRequest(request), ...describeResponse(response)].join('\n'))
}
