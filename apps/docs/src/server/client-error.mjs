// @ts-check
// Answers to requests that never reach a request handler, written on the socket itself, then
// the connection is closed: a request Node could not read (a bad request line or header,
// headers too large, a request not sent within the timeout), which Node would answer with a
// bare 400, and CONNECT, which Node would drop without a word. Nothing of the request is echoed.
import { STATUS_CODES } from 'node:http'

/** @type {Record<string, [number, string]>} */
const ANSWERS = {
  HPE_HEADER_OVERFLOW: [431, 'the request headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'the request was not sent in time'],
}

/** Sockets already answered: Node's parser reports the same error again for each later chunk. */
const answeredSockets = new WeakSet()
/** How long a refused connection keeps reading (and dropping) what the client still sends. */
const LINGER_MS = 2000

/**
 * Node's 'clientError' listener. The close lingers: a socket closed with unread input (the rest
 * of a 1 MB header, say) is reset by the kernel, and a reset discards the answer before the
 * client has read it. So later reports for the same request are ignored, and the socket is
 * destroyed once the client has closed its side or after LINGER_MS.
 * @param {NodeJS.ErrnoException} error
 * @param {import('node:stream').Duplex} socket
 */
export function answerClientError(error, socket) {
  if (answeredSockets.has(socket)) return
  answeredSockets.add(socket)
  const response = /** @type {{ _httpMessage?: { headersSent?: boolean } }} */ (socket)._httpMessage
  if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
    socket.destroy()
    return
  }
  const [status, reason] = ANSWERS[error.code ?? ''] ?? [
    400,
    `the request is not valid HTTP/1.1 (${error.code ?? 'unreadable'}: a request line or header breaks the grammar)`,
  ]
  answerOnSocket(socket, status, reason)
  setTimeout(() => socket.destroy(), LINGER_MS).unref()
}

/**
 * Node's 'connect' listener: this server is no proxy.
 * @param {import('node:http').IncomingMessage} _request
 * @param {import('node:stream').Duplex} socket
 */
export function refuseConnect(_request, socket) {
  answerOnSocket(
    socket,
    400,
    'the request target must be a path starting with "/" (origin-form); CONNECT is not served',
  )
}

/**
 * @param {import('node:stream').Duplex} socket
 * @param {number} status
 * @param {string} reason
 */
function answerOnSocket(socket, status, reason) {
  const body = `docs: ${reason}\n`
  socket.on('error', () => socket.destroy())
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'Content-Type: text/plain; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'X-Content-Type-Options: nosniff',
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  )
}
