import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'

/**
 * A request node:http parsed but that no URL can be built from, or that HTTP itself forbids:
 * refused before it reaches the app, in the spec's `Error` shape, naming the rule it broke.
 * Without this, @hono/node-server answers such a request a bare `400` (text/plain, no body),
 * and an absolute-form target with userinfo reached the app as a URL that `new Request()`
 * refuses, which the app could only answer 500.
 */
export interface MalformedRequest {
  status: 400
  errorCode: 'InvalidRequestTarget' | 'InvalidHostHeader'
  errorMessage: string
}

// RFC 3986 §3.2.2: an IP literal in brackets, or a reg-name (unreserved, sub-delims, %XX); then
// an optional port. Raw UTF-8 (an IDN not in punycode), "/", "?", "#" and a lone "[" are not.
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)(?::(\d*))?$/
const ABSOLUTE_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//
const MAX_PORT = 65_535

const target = (rule: string): MalformedRequest => ({
  status: 400,
  errorCode: 'InvalidRequestTarget',
  errorMessage: `Malformed request target: ${rule}.`,
})

const host = (rule: string): MalformedRequest => ({
  status: 400,
  errorCode: 'InvalidHostHeader',
  errorMessage: `Malformed Host header: ${rule}.`,
})

/** Host header values as sent (node:http joins none of them, but keeps only the first). */
function hostValues(incoming: IncomingMessage): string[] {
  const values: string[] = []
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
    if (incoming.rawHeaders[i]?.toLowerCase() === 'host')
      values.push(incoming.rawHeaders[i + 1] ?? '')
  }
  return values
}

function checkPort(port: string | undefined): boolean {
  return port === undefined || port === '' || Number(port) <= MAX_PORT
}

function checkHost(incoming: IncomingMessage): MalformedRequest | undefined {
  const values = hostValues(incoming)
  // RFC 9112 §3.2: a server must answer 400 to an HTTP/1.1 request without Host, to more than
  // one Host, or to an invalid one. (node:http's own check, requireHostHeader, answers bare.)
  if (values.length === 0 && incoming.httpVersion === '1.1') {
    return host('an HTTP/1.1 request must carry a Host header field')
  }
  if (values.length > 1) return host('a request carries one Host header field, not several')
  const [value] = values
  // An empty Host is allowed: the target has no authority (RFC 9112 §3.2).
  if (value === undefined || value === '') return undefined
  const match = HOST.exec(value)
  if (!match) {
    return host(
      'it must be a host name in ASCII (RFC 3986 section 3.2.2: letters, digits, "-._~", %XX; a non-ASCII name in punycode) or a bracketed IP literal, with an optional port',
    )
  }
  if (!checkPort(match[1])) return host(`its port must be at most ${MAX_PORT}`)
  return undefined
}

function checkTarget(raw: string): MalformedRequest | undefined {
  if (raw === '*') {
    return target(
      'the asterisk form (*) is for a server-wide OPTIONS, which this server does not serve',
    )
  }
  let path = raw
  if (ABSOLUTE_FORM.test(raw)) {
    // absolute-form (RFC 9112 §3.2.2) must be accepted; its authority must still be a URL's.
    const url = URL.canParse(raw) ? new URL(raw) : undefined
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      return target('an absolute-form target must be an http or https URL')
    }
    // RFC 9110 §4.2.4: userinfo in an http(s) URI is to be treated as an error (and fetch's
    // Request refuses a URL that carries it).
    if (url.username !== '' || url.password !== '') {
      return target('an absolute-form target must not carry userinfo (user:password@)')
    }
    const pathAt = raw.indexOf('/', raw.indexOf('//') + 2)
    path = pathAt === -1 ? '' : raw.slice(pathAt)
  } else if (!raw.startsWith('/')) {
    return target('the target must be a path that starts with /')
  }
  const query = path.indexOf('?')
  const backslash = path.indexOf('\\')
  // A backslash reads as "/" to some URL parsers and not to others: the path is ambiguous.
  if (backslash !== -1 && (query === -1 || backslash < query)) {
    return target('the path must not hold a backslash (\\)')
  }
  return undefined
}

/** Why this request must be refused before the app sees it, or undefined. */
export function malformedRequest(incoming: IncomingMessage): MalformedRequest | undefined {
  return checkHost(incoming) ?? checkTarget(incoming.url ?? '')
}

/**
 * What a request whose URL could not be built still gets (a case the checks above missed):
 * the same shape, with a rule general enough to be true.
 */
export const UNBUILDABLE_URL: MalformedRequest = {
  status: 400,
  errorCode: 'InvalidRequestTarget',
  errorMessage:
    'Malformed request target: the target and the Host header must form a valid http URL (RFC 9112 section 3.3).',
}

/** The last resort for a failure of the sandbox's own that the app did not answer. */
export const INTERNAL_ERROR = {
  errorCode: 'InternalError',
  errorMessage: 'The sandbox failed to handle this request.',
} as const

export function malformedBody(
  refusal: Pick<MalformedRequest, 'errorCode' | 'errorMessage'> | typeof INTERNAL_ERROR,
): string {
  return JSON.stringify({ errorCode: refusal.errorCode, errorMessage: refusal.errorMessage })
}

/**
 * Answers `refusal` and closes the connection: a request this broken says nothing reliable
 * about where its body ends, so nothing more is read from it.
 */
export function answerMalformed(outgoing: ServerResponse, refusal: MalformedRequest): void {
  const body = malformedBody(refusal)
  outgoing.writeHead(refusal.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  })
  outgoing.end(body)
}

/**
 * node:http's 'checkExpectation': an Expect other than 100-continue, which Node would answer a
 * bare 417. RFC 9110 §10.1.1: 417 is the answer; this one says why, in the spec's shape.
 */
export function answerUnknownExpectation(_incoming: IncomingMessage, outgoing: ServerResponse) {
  const body = JSON.stringify({
    errorCode: 'ExpectationFailed',
    errorMessage: 'The Expect header may only be 100-continue.',
  })
  outgoing.writeHead(417, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  })
  outgoing.end(body)
}

/** What a request node:http could not parse gets, by Node's error code; anything else 400. */
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'RequestHeaderFieldsTooLarge',
    'The request headers are larger than the server reads.',
  ],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [
    413,
    'PayloadTooLarge',
    'The chunk extensions of the request body are larger than the server reads.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'RequestTimeout', 'The request did not arrive whole in time.'],
}
const MALFORMED: [number, string, string] = [
  400,
  'MalformedRequest',
  'The request is not valid HTTP/1.1: its request line, a header or its chunked framing is malformed.',
]

/** Sockets already answered: Node's parser reports the same error again for each later chunk. */
const answeredSockets = new WeakSet<Duplex>()
/** How long a refused connection keeps reading (and dropping) what the client still sends. */
const LINGER_MS = 2000

/**
 * node:http's 'clientError': a request it could not parse has no request object, and Node
 * would answer it a bare 400 (or 408, 413, 431) with no body. This writes the same status with
 * the spec's error shape on the socket, then closes it. Nothing of the request is echoed.
 *
 * The close lingers: a socket closed with unread input (the rest of a 1 MB header, say) is
 * reset by the kernel, and a reset discards the answer before the client has read it. So the
 * later reports for the same request are ignored, and the socket is destroyed once the client
 * has closed its side or after LINGER_MS, whichever comes first.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (answeredSockets.has(socket)) return
  answeredSockets.add(socket)
  const answering = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage
  if (error.code === 'ECONNRESET' || !socket.writable || answering?.headersSent) {
    socket.destroy()
    return
  }
  const [status, errorCode, errorMessage] = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED
  const body = JSON.stringify({ errorCode, errorMessage })
  socket.on('error', () => socket.destroy())
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
  setTimeout(() => socket.destroy(), LINGER_MS).unref()
}
