// @ts-check
// The answer to a request Node could not read (a bad request line or header, headers too
// large, a request not sent within the timeout): a status and a plain-text reason instead of
// Node's bare 400, then the connection is closed. Nothing of the request is echoed.
import { STATUS_CODES } from 'node:http'

/** @type {Record<string, [number, string]>} */
const ANSWERS = {
  HPE_HEADER_OVERFLOW: [431, 'the request headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'the request was not sent in time'],
}

/**
 * Node's 'clientError' listener.
 * @param {NodeJS.ErrnoException} error
 * @param {import('node:stream').Duplex} socket
 */
export function answerClientError(error, socket) {
  const response = /** @type {{ _httpMessage?: { headersSent?: boolean } }} */ (socket)._httpMessage
  if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
    socket.destroy()
    return
  }
  const [status, reason] = ANSWERS[error.code ?? ''] ?? [
    400,
    'the request is not valid HTTP/1.1 (a request target or header has a character it may not have)',
  ]
  const body = `docs: ${reason}\n`
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
