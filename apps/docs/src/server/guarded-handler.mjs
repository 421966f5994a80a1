// @ts-check
// Runs a request handler so that no single request can stop the server: an error it throws
// (or its promise rejects with) becomes a 500 for that request, and a log line that names the
// request's method and path and the code that failed, never the error's message, headers or
// query, which may carry a credential. Before the handler, it refuses what no handler may read
// at all: a request with several Host fields, which the handler's Host check could not see.
import { answerText } from './answer-text.mjs'
import { hostFieldsRefusal } from './host-fields.mjs'
import { NON_PAGE_CSP, SECURITY_HEADERS } from './page-security.mjs'

/**
 * @param {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => unknown} handler
 * @param {(line: string) => void} [log]
 * @returns {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => void}
 */
export function guardedHandler(handler, log = (line) => console.error(line)) {
  return (request, response) => {
    const fail = (/** @type {unknown} */ error) => {
      log(
        `docs: internal error answering ${request.method} ${pathOnly(request.url)}: ${where(error)}`,
      )
      if (!response.headersSent) {
        answerText(response, 500, 'internal error; the server logged where', {
          connection: 'close',
        })
      } else {
        response.destroy()
      }
    }
    const hostRefusal = hostFieldsRefusal(request.rawHeaders)
    if (hostRefusal) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value)
      response.setHeader('content-security-policy', NON_PAGE_CSP)
      answerText(response, 400, hostRefusal)
      return
    }
    try {
      Promise.resolve(handler(request, response)).catch(fail)
    } catch (error) {
      fail(error)
    }
  }
}

/** The path of a target without its query (which a caller may have put anything in). */
const pathOnly = (/** @type {string | undefined} */ url) => (url ?? '').split('?')[0]

/**
 * The error's name and the stack frames below its message.
 * @param {unknown} error
 */
function where(error) {
  if (!(error instanceof Error)) return typeof error
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))
  return [error.name, ...frames.slice(0, 5).map((line) => line.trim())].join(' | ')
}
