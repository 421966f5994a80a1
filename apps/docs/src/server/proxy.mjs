// @ts-check
// Forwards the "Try it" console's calls to a local server (the mock or the sandbox). Only what
// those servers read passes: the method, the path, Authorization, Content-Type, Accept and the
// body, capped at the spec's body limit. Nothing else of the browser's request (cookies, proxy
// credentials, X-Forwarded-*, hop-by-hop headers) reaches them, and hop-by-hop headers of their
// answers stay on this hop.
import http from 'node:http'
import { pipeline } from 'node:stream'
import { answerText, answerTextRefusingBody } from './answer-text.mjs'
import { BodyStreamError, BodyTooLargeError, readBodyUpTo } from './request-body.mjs'

/** The request headers the mock and the sandbox need to answer a console call. */
const FORWARDED_REQUEST_HEADERS = ['authorization', 'content-type', 'accept']

/** Headers that belong to one connection (RFC 9110 §7.6.1), never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

/**
 * @typedef {object} ProxyTarget
 * @property {string} name 'mock' or 'sandbox', for messages
 * @property {string} prefix the same-origin path it is reached under
 * @property {URL} upstream
 * @property {http.Agent} agent
 * @property {number} maxBodyBytes
 * @property {number} timeoutMs how long the server may take to answer
 */

class UpstreamTimeoutError extends Error {}

/**
 * Forwards one request; resolves once it is answered (or refused).
 * @param {http.IncomingMessage} request
 * @param {http.ServerResponse} response
 * @param {ProxyTarget} target
 * @param {string} path the path and query on the local server
 */
export async function forward(request, response, target, path) {
  const { name, prefix, upstream, agent, maxBodyBytes, timeoutMs } = target
  const origin = request.headers.origin
  if (origin !== undefined && origin !== `http://${request.headers.host}`) {
    return answerText(response, 403, `only the docs page may call the ${name} through ${prefix}/`)
  }
  let body
  try {
    body = await readBodyUpTo(request, maxBodyBytes)
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return answerTextRefusingBody(
        request,
        response,
        413,
        `the request body is larger than ${error.limit} bytes (the spec's x-solapi-limits.maxRequestBodyBytes); nothing was sent to the ${name}`,
      )
    }
    if (error instanceof BodyStreamError) {
      return answerTextRefusingBody(
        request,
        response,
        400,
        `${error.message}; nothing was sent to the ${name}`,
      )
    }
    throw error
  }
  /** @type {http.OutgoingHttpHeaders} */
  const headers = { host: upstream.host }
  for (const header of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers[header]
    if (value !== undefined) headers[header] = value
  }
  if (body.length > 0 || !['GET', 'HEAD'].includes(request.method ?? '')) {
    headers['content-length'] = body.length
  }
  await new Promise((resolve) => {
    const outgoing = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: `${upstream.pathname.replace(/\/$/, '')}${path}`,
        headers,
        agent,
        timeout: timeoutMs,
      },
      (answer) => {
        response.writeHead(
          answer.statusCode ?? 502,
          answer.statusMessage,
          endToEndHeaders(answer.rawHeaders),
        )
        // pipeline, not pipe: an answer that breaks off must end this response, not the process.
        pipeline(answer, response, () => resolve(undefined))
      },
    )
    outgoing.once('timeout', () =>
      outgoing.destroy(new UpstreamTimeoutError(`no answer within ${timeoutMs / 1000} s`)),
    )
    outgoing.on('error', (error) => {
      if (response.headersSent) response.destroy()
      else if (error instanceof UpstreamTimeoutError) {
        answerText(response, 504, `the ${name} at ${upstream.origin} gave ${error.message}`)
      } else {
        answerText(
          response,
          502,
          `the ${name} at ${upstream.origin} is not answering (${error.message})`,
        )
      }
      resolve(undefined)
    })
    outgoing.end(body)
  })
}

/**
 * An answer's raw headers without the hop-by-hop ones (also those its Connection header names).
 * @param {string[]} rawHeaders name, value, name, value, …
 */
function endToEndHeaders(rawHeaders) {
  const named = new Set(HOP_BY_HOP)
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'connection') {
      for (const token of (rawHeaders[i + 1] ?? '').split(',')) {
        named.add(token.trim().toLowerCase())
      }
    }
  }
  /** @type {string[]} */
  const kept = []
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const [header = '', value = ''] = [rawHeaders[i], rawHeaders[i + 1]]
    if (!named.has(header.toLowerCase())) kept.push(header, value)
  }
  return kept
}
