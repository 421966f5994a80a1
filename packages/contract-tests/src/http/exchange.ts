// One HTTP request and its response, recorded whole so that a failing property can print
// exactly what was sent and received (with secrets masked).
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

const encoder = new TextEncoder()

export function jsonBody(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value))
}

export async function exchange(request: SentRequest, timeoutMs = 10_000): Promise<Exchange> {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: new Uint8Array(request.body), // a copy backed by a plain ArrayBuffer, as BodyInit wants
    signal: AbortSignal.timeout(timeoutMs),
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

function bodyPreview(bytes: Uint8Array, limit = 600): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, limit))
  const more = bytes.length > limit ? ` … (${bytes.length} bytes in all)` : ''
  let shown: string
  try {
    shown = JSON.stringify(redactSecrets(JSON.parse(text)))
  } catch {
    shown = JSON.stringify(redactText(text))
  }
  return `${shown}${more}`
}

/** A printable account of the exchange: method, URL, headers, body; status, type, body. */
export function describeExchange({ request, response }: Exchange): string {
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
    `→ ${response.status} ${response.mediaType ?? '(no content-type)'}`,
    `  body: ${bodyPreview(encoder.encode(response.text))}`,
  ].join('\n')
}
