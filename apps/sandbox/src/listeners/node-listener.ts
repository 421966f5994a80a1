import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener, type HttpBindings, RequestError } from '@hono/node-server'
import { isLoopback } from '../domain/control-token.js'
import {
  answerClientError,
  answerMalformed,
  answerUnknownExpectation,
  INTERNAL_ERROR,
  malformedBody,
  malformedRequest,
  UNBUILDABLE_URL,
} from './malformed-request.js'
import type { Listener, Served } from './served.js'

/**
 * The limits of a sandbox that listens off loopback (hosted): other machines reach it, so a
 * client may hold connections open on purpose. Node's own defaults (60 s for the headers, and a
 * check every 30 s) let a slowloris client, sending a header byte a second, keep a connection
 * for up to 90 s; these close it within about 11 s.
 */
export const HOSTED_LIMITS = {
  /** The headers of a request must arrive within this (a real client sends them at once). */
  headersTimeoutMs: 10_000,
  /**
   * The whole request, body included (at most 16 KiB), must arrive within this. It does not
   * bound the answer: a `delay` fault may still hold one back for a minute.
   */
  requestTimeoutMs: 30_000,
  /** How often node:http checks those two: the most a connection outlives its deadline. */
  connectionsCheckingIntervalMs: 1_000,
  /** Connections open at once; more are closed as they arrive, before a byte is read. */
  maxConnections: 1_024,
} as const

/**
 * How long a loopback sandbox keeps an idle keep-alive connection (node:http's default is 5 s).
 * A client reuses one it believes open; a test suite's client whose event loop is held up by
 * other work (two cores, several suites) believes so for longer than 5 s after the server's
 * last answer, and a request sent on a connection the server has just closed fails with no
 * answer (UND_ERR_SOCKET), though nothing was wrong with it. Closing the sandbox still closes
 * idle connections at once.
 */
export const LOOPBACK_KEEP_ALIVE_MS = 65_000

/**
 * node:http (Node, and Deno's node:http), through Hono's adapter. On loopback node:http keeps
 * its defaults (a test suite's own machine) but a longer keep-alive; off loopback, HOSTED_LIMITS.
 */
export function listenWithNodeHttp(
  core: Served,
  { port, host }: { port: number; host: string },
): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const hosted = !isLoopback(host)
    // Hono's listener, not its `serve`: `serve` takes no errorHandler, and without one a
    // request it cannot build a URL from gets a bare text/plain 400.
    const honoListener = getRequestListener(
      async (request, env) => {
        const response = await core.handle(request)
        if (core.dropped(request)) (env as HttpBindings).incoming.socket.destroy()
        return response
      },
      {
        hostname: host,
        // Leave the process's global Request and Response alone: the sandbox may share its
        // process with the test suite that started it.
        overrideGlobalObjects: false,
        // A RequestError: no Request could be built (the app never saw it). Anything else is
        // the app's own failure, which it answers itself; this is only the last resort.
        errorHandler: (error) =>
          error instanceof RequestError
            ? new Response(malformedBody(UNBUILDABLE_URL), {
                status: UNBUILDABLE_URL.status,
                headers: { 'content-type': 'application/json', connection: 'close' },
              })
            : new Response(malformedBody(INTERNAL_ERROR), {
                status: 500,
                headers: { 'content-type': 'application/json' },
              }),
      },
    )
    const server = createServer(
      {
        // malformedRequest refuses a missing Host itself, in the spec's shape.
        requireHostHeader: false,
        ...(hosted
          ? {
              headersTimeout: HOSTED_LIMITS.headersTimeoutMs,
              requestTimeout: HOSTED_LIMITS.requestTimeoutMs,
              connectionsCheckingInterval: HOSTED_LIMITS.connectionsCheckingIntervalMs,
            }
          : {}),
      },
      (incoming, outgoing) => {
        const malformed = malformedRequest(incoming)
        if (malformed) answerMalformed(outgoing, malformed)
        else void honoListener(incoming, outgoing)
      },
    )
    server.on('clientError', answerClientError)
    server.on('checkExpectation', answerUnknownExpectation)
    if (hosted) server.maxConnections = HOSTED_LIMITS.maxConnections
    else server.keepAliveTimeout = LOOPBACK_KEEP_ALIVE_MS
    server.once('error', reject)
    server.listen(port, host)
    server.once('listening', () => {
      server.off('error', reject)
      resolve({
        port: (server.address() as AddressInfo).port,
        close: (graceMs = 5000) =>
          new Promise<void>((done) => {
            const cut = setTimeout(() => {
              if ('closeAllConnections' in server) server.closeAllConnections()
            }, graceMs)
            server.close(() => {
              clearTimeout(cut)
              done()
            })
            if ('closeIdleConnections' in server) server.closeIdleConnections()
          }),
      })
    })
  })
}
