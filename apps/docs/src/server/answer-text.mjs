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
