// @ts-check
// The docs server's own answers (refusals and errors): plain text that starts with "docs:" and
// says what was wrong, so that a reader of the console or of curl's output knows who answered.

/**
 * @param {import('node:http').ServerResponse} response
 * @param {number} status
 * @param {string} message
 * @param {import('node:http').OutgoingHttpHeaders} [headers]
 */
export function answerText(response, status, message, headers = {}) {
  // The client may be gone already (a body that broke off, a request timed out).
  if (response.headersSent || response.destroyed) return
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers })
  response.end(`docs: ${message}\n`)
}

/** How long a refused body may go on arriving before its connection is closed. */
const LINGER_MS = 2000

/**
 * Answers a request whose body is refused unread (too large, broken off), then closes the
 * connection. Closing at once, with the client still sending, resets the connection, and the
 * reset can reach the client before it read the answer: so the answer goes out whole, what is
 * left of the body is read and dropped, and the connection closes once the body has ended or
 * after LINGER_MS.
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 * @param {number} status
 * @param {string} message
 */
export function answerTextRefusingBody(request, response, status, message) {
  if (response.headersSent || response.destroyed) return
  const body = `docs: ${message}\n`
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  })
  response.write(body)
  if (request.readableEnded || request.destroyed) {
    response.end()
    return
  }
  const end = () => {
    clearTimeout(timer)
    if (!response.writableEnded) response.end()
  }
  const timer = setTimeout(end, LINGER_MS)
  timer.unref()
  request.once('end', end)
  request.once('close', end)
  request.on('error', () => {})
  request.resume()
}
