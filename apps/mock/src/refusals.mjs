// @ts-check
// The guard's own answers, in the error shape of the spec (`errorCode`, `errorMessage`), with
// the `sl-violations` header Prism's clients read, written from the guard's own words only.
import { violationsHeader } from './header-value.mjs'

/**
 * @typedef {object} Refusal
 * @property {400 | 404 | 405 | 413 | 415 | 417 | 500 | 502} status
 * @property {string} errorCode
 * @property {string} errorMessage names the rule that was broken; never quotes the request
 * @property {'request' | 'body'} [location] what the rule is about (default: the body)
 * @property {string} [allow] the methods a 405's path takes (its Allow header, RFC 9110 §15.5.6)
 */

/** How long a refused request may go on sending before its connection is closed. */
const LINGER_MS = 2000

/**
 * Answers `refusal`. When the body was not read to its end, the connection is closed once the
 * client had time to read the answer, and nothing more of the body is kept.
 * @param {import('node:http').ServerResponse} response
 * @param {Refusal} refusal
 * @param {{ bodyLeft?: boolean }} [options]
 */
export function sendRefusal(response, refusal, { bodyLeft = false } = {}) {
  if (response.headersSent || response.destroyed) return
  const body = JSON.stringify({ errorCode: refusal.errorCode, errorMessage: refusal.errorMessage })
  const location = refusal.location === 'request' ? ['request'] : ['request', 'body']
  response.writeHead(refusal.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'sl-violations': violationsHeader([
      { location, severity: 'Error', code: refusal.errorCode, message: refusal.errorMessage },
    ]),
    ...(refusal.allow ? { allow: refusal.allow } : {}),
    ...(bodyLeft ? { connection: 'close' } : {}),
  })
  if (!bodyLeft) {
    response.end(body)
    return
  }
  // The whole answer goes out now; ending the response would close the socket at once, and
  // closing on a body still arriving resets the connection, which can lose the answer.
  // What is left of the body is read and dropped: nothing of it is kept.
  response.write(body)
  const request = response.req
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
