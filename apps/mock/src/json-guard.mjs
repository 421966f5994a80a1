// @ts-check
// The public port of the mock: a guard in front of Prism that refuses, in the spec's error
// shape, every request Prism cannot be trusted with, and passes every other request to Prism
// unchanged (method, path, headers, body), and Prism's answer back unchanged. Prism alone
// answers 500 to a malformed target, never answers a body that does not parse, waits forever
// on a charset it cannot decode, buffers any body whole, and overflows its stack on deep JSON.
// The checks, in the sandbox's order: Host (400), target (400), an operation for the method and
// path (404, 405), Content-Type (415), size (413, never buffered beyond the limit), a body that
// did not arrive whole (400), JSON text (400).
import http from 'node:http'
import { checkHostHeaders } from './host-header.mjs'
import { checkJsonText } from './json-text.mjs'
import { isJsonType, parseMediaType } from './media-type.mjs'
import { readBody } from './read-body.mjs'
import { sendRefusal } from './refusals.mjs'
import { checkRequestTarget } from './request-target.mjs'
import { routeCheck } from './routes.mjs'

/** @typedef {import('./refusals.mjs').Refusal} Refusal */

/**
 * How long a mock on loopback keeps an idle keep-alive connection (node:http's default is 5 s).
 * Its client is a test suite on the same machine: when other work holds up that suite's event
 * loop past 5 s, its fetch sends the next request on a connection the mock has just closed and
 * fails with no answer (UND_ERR_SOCKET), though nothing was wrong; the sandbox keeps them as long.
 */
const LOOPBACK_KEEP_ALIVE_MS = 65_000

/** @param {string} host */
const isLoopbackHost = (host) =>
  host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)

/**
 * Listens on the public port at once, so that a busy port is refused before Prism starts.
 * Requests that arrive before `forwardTo` names Prism's port wait for it rather than fail.
 * A busy port rejects with an error whose `code` is `EADDRINUSE` and whose message names it.
 * @param {{ port: number, host: string, maxBodyBytes: number, operations: readonly { path: string, method: string }[] }} options
 * @returns {Promise<{ port: number, forwardTo: (upstreamPort: number) => void, close: () => Promise<void> }>}
 */
export async function startJsonGuard({ port, host, maxBodyBytes, operations }) {
  const checkRoute = routeCheck(operations)
  const agent = new http.Agent({ keepAlive: true })
  /** @type {(port: number) => void} */
  let forwardTo = () => {}
  /** @type {Promise<number>} */
  const upstreamPort = new Promise((resolve) => {
    forwardTo = resolve
  })
  /** Sockets whose request broke the HTTP framing and that were answered on the socket. */
  const brokenSockets = new WeakSet()

  // checkHostHeaders refuses a missing Host itself, in the spec's shape (Node's check is bare).
  const server = http.createServer({ requireHostHeader: false }, (request, response) => {
    guard(request, response).catch(() => {
      // A fault of the guard's own: this request gets a 500, the mock goes on serving.
      if (response.headersSent) response.destroy()
      else {
        sendRefusal(response, {
          status: 500,
          errorCode: 'InternalError',
          errorMessage: 'The mock failed to handle this request.',
          location: 'request',
        })
      }
    })
  })

  /**
   * @param {http.IncomingMessage} request
   * @param {http.ServerResponse} response
   */
  async function guard(request, response) {
    const bodyLeft = hasBody(request)
    const badHost = checkHostHeaders(request.rawHeaders, request.httpVersion)
    if (badHost) {
      sendRefusal(
        response,
        { status: 400, errorCode: 'InvalidHostHeader', errorMessage: badHost, location: 'request' },
        { bodyLeft },
      )
      return
    }
    const target = checkRequestTarget(request.url)
    if (!target.ok) {
      const { errorMessage } = target
      sendRefusal(
        response,
        { status: 400, errorCode: 'InvalidRequestTarget', errorMessage, location: 'request' },
        { bodyLeft },
      )
      return
    }
    const routeRefusal = checkRoute(request.method, target.target)
    if (routeRefusal) {
      sendRefusal(response, routeRefusal, { bodyLeft })
      return
    }
    const mediaRefusal = checkContentType(request.headers['content-type'], bodyLeft)
    if (mediaRefusal) {
      sendRefusal(response, mediaRefusal, { bodyLeft })
      return
    }
    const read = await readBody(request, maxBodyBytes)
    if (read.status === 'too-large') {
      const errorMessage = `The request body is larger than ${maxBodyBytes} bytes.`
      sendRefusal(
        response,
        { status: 413, errorCode: 'PayloadTooLarge', errorMessage },
        { bodyLeft: true },
      )
      return
    }
    if (read.status === 'broken') {
      // Usually nobody is left to answer; a broken framing was answered on the socket.
      if (!brokenSockets.has(request.socket)) sendRefusal(response, BROKEN_BODY)
      return
    }
    // A body got here only with a JSON Content-Type in UTF-8.
    if (read.body.length > 0) {
      const json = checkJsonText(read.body)
      if (!json.ok) {
        sendRefusal(response, {
          status: 400,
          errorCode: 'InvalidJSON',
          errorMessage: json.errorMessage,
        })
        return
      }
    }
    forward(request, response, target.target, read.body, await upstreamPort)
  }

  /**
   * @param {http.IncomingMessage} request
   * @param {http.ServerResponse} response
   * @param {string} path
   * @param {Buffer} body
   * @param {number} prismPort
   * @param {boolean} [again] whether this is the second try, on a connection of its own
   */
  function forward(request, response, path, body, prismPort, again = false) {
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: prismPort,
        method: request.method,
        path,
        headers: request.headers,
        agent: again ? false : agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders)
        answer.pipe(response)
      },
    )
    upstream.on('error', (error) => {
      // Prism closes a keep-alive connection it has held idle for its timeout; a request the
      // agent put on it just then never reached Prism (Node documents the race under
      // `request.reusedSocket`). The mock keeps no state, so that request goes again, once.
      const code = /** @type {NodeJS.ErrnoException} */ (error).code
      if (upstream.reusedSocket && code === 'ECONNRESET' && !response.headersSent && !again) {
        forward(request, response, path, body, prismPort, true)
        return
      }
      sendRefusal(response, {
        status: 502,
        errorCode: 'BadGateway',
        errorMessage: `Prism is not answering (${code ?? 'error'}).`,
        location: 'request',
      })
      if (!response.writableEnded) response.destroy()
    })
    // A client that leaves stops the exchange with Prism too.
    response.on('close', () => {
      if (!response.writableFinished) upstream.destroy()
    })
    upstream.end(body)
  }

  // `Expect: 100-continue`: the body is invited only when the request may be served, so a
  // client that asks first never sends a body the guard would refuse.
  server.on('checkContinue', (request, response) => {
    const target = checkRequestTarget(request.url)
    const refused =
      checkHostHeaders(request.rawHeaders, request.httpVersion) !== undefined ||
      !target.ok ||
      checkRoute(request.method, target.target) !== undefined ||
      checkContentType(request.headers['content-type'], true) !== undefined ||
      Number(request.headers['content-length']) > maxBodyBytes
    if (!refused) response.writeContinue()
    server.emit('request', request, response)
  })

  // An Expect other than 100-continue: Node would answer a bare 417 (RFC 9110 §10.1.1).
  server.on('checkExpectation', (_request, response) => {
    sendRefusal(
      response,
      {
        status: 417,
        errorCode: 'ExpectationFailed',
        errorMessage: 'The Expect header may only be 100-continue.',
        location: 'request',
      },
      { bodyLeft: true },
    )
  })

  // A request that breaks HTTP itself (its request line, a header, its chunked framing) has no
  // request object to answer through: the answer is written on the socket, and it is closed.
  server.on('clientError', (/** @type {NodeJS.ErrnoException} */ error, socket) => {
    if (brokenSockets.has(socket)) return
    brokenSockets.add(socket)
    if (socket.writable && !(/** @type {any} */ (socket)._httpMessage?.headersSent)) {
      const { status, ...refusal } = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED
      const body = JSON.stringify(refusal)
      socket.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      )
    }
    setTimeout(() => socket.destroy(), 2000).unref()
  })

  // A request must arrive whole within these (Node's own defaults wait minutes): a 16 KiB body
  // takes nowhere near that, and a client trickling bytes must not hold a connection open.
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  if (isLoopbackHost(host)) server.keepAliveTimeout = LOOPBACK_KEEP_ALIVE_MS

  await new Promise((resolve, reject) => {
    server.once('error', (/** @type {NodeJS.ErrnoException} */ error) => {
      if (error.code === 'EADDRINUSE') {
        error.message = `port ${port} on ${host} is already in use`
      }
      reject(error)
    })
    server.listen(port, host, () => resolve(undefined))
  })
  const address = server.address()
  return {
    port: typeof address === 'object' && address ? address.port : port,
    forwardTo,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        agent.destroy()
        server.close(() => resolve())
      }),
  }
}

/** What a request that breaks HTTP gets, by Node's error code; anything else is MALFORMED. */
const MALFORMED = {
  status: 400,
  errorCode: 'MalformedRequest',
  errorMessage:
    'The request is not valid HTTP/1.1: its request line, a header or its chunked framing is malformed.',
}
/** @type {Record<string, typeof MALFORMED>} */
const CLIENT_ERRORS = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    errorCode: 'RequestHeaderFieldsTooLarge',
    errorMessage: 'The request headers are larger than the server reads.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    errorCode: 'RequestTimeout',
    errorMessage: 'The request did not arrive whole in time.',
  },
}

/** @type {Refusal} */
const BROKEN_BODY = {
  status: 400,
  errorCode: 'InvalidJSON',
  errorMessage:
    'The request body could not be read to its end: the connection broke off, or its chunked framing is invalid.',
}

/** Whether the request says a body follows (RFC 9112 §6.3). */
function hasBody(/** @type {http.IncomingMessage} */ request) {
  return (
    request.headers['transfer-encoding'] !== undefined ||
    Number(request.headers['content-length'] ?? 0) > 0
  )
}

/**
 * The refusal a Content-Type earns, if any: the mock reads JSON in UTF-8 only (RFC 8259 §8.1).
 * A request with neither a body nor a Content-Type goes on: Prism says the body is required.
 * @param {string | undefined} header
 * @param {boolean} bodyLeft
 * @returns {Refusal | undefined}
 */
function checkContentType(header, bodyLeft) {
  if (header === undefined && !bodyLeft) return undefined
  /** @param {string} errorMessage */
  const refuse = (errorMessage) =>
    /** @type {Refusal} */ ({
      status: 415,
      errorCode: 'UnsupportedMediaType',
      errorMessage,
      location: 'request',
    })
  if (header === undefined) return refuse('Content-Type must be application/json, got none.')
  const media = parseMediaType(header)
  if (!media) {
    return refuse(
      'Content-Type must be application/json; the header is not a media type (RFC 9110 section 8.3).',
    )
  }
  if (!isJsonType(media.type))
    return refuse(`Content-Type must be application/json, got ${media.type}.`)
  if (media.charset !== undefined && media.charset !== 'utf-8') {
    return refuse(
      `Content-Type charset must be utf-8 (JSON is UTF-8), got ${media.charset.slice(0, 40)}.`,
    )
  }
  return undefined
}
