import type { AddressInfo } from 'node:net'
import { type HttpBindings, serve } from '@hono/node-server'
import type { SandboxCore } from '../sandbox-core.js'
import type { Listener } from './listener.js'

/** node:http (Node, and Deno's node:http), through Hono's adapter. */
export function listenWithNodeHttp(
  core: SandboxCore,
  { port, host }: { port: number; host: string },
): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const server = serve({
      port,
      hostname: host,
      // Leave the process's global Request and Response alone: the sandbox may share its
      // process with the test suite that started it.
      overrideGlobalObjects: false,
      fetch: async (request, env) => {
        const response = await core.handle(request)
        if (core.dropped(request)) (env as HttpBindings).incoming.socket.destroy()
        return response
      },
    })
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
