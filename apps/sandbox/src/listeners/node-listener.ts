import type { AddressInfo } from 'node:net'
import { type HttpBindings, serve } from '@hono/node-server'
import { isLoopback } from '../domain/control-token.js'
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
 * node:http (Node, and Deno's node:http), through Hono's adapter. On loopback node:http keeps
 * its defaults (a test suite's own machine); off loopback, HOSTED_LIMITS.
 */
export function listenWithNodeHttp(
  core: Served,
  { port, host }: { port: number; host: string },
): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const hosted = !isLoopback(host)
    const server = serve({
      port,
      hostname: host,
      ...(hosted
        ? {
            serverOptions: {
              headersTimeout: HOSTED_LIMITS.headersTimeoutMs,
              requestTimeout: HOSTED_LIMITS.requestTimeoutMs,
              connectionsCheckingInterval: HOSTED_LIMITS.connectionsCheckingIntervalMs,
            },
          }
        : {}),
      // Leave the process's global Request and Response alone: the sandbox may share its
      // process with the test suite that started it.
      overrideGlobalObjects: false,
      fetch: async (request, env) => {
        const response = await core.handle(request)
        if (core.dropped(request)) (env as HttpBindings).incoming.socket.destroy()
        return response
      },
    })
    if (hosted) server.maxConnections = HOSTED_LIMITS.maxConnections
    server.once('error', reject)
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
