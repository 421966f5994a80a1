import { currentRuntime } from '../runtime/current-runtime.js'
import type { Listener, Served } from './served.js'

export type { Listener, Served }

/** A listener failure the bin reports in one line. */
export class ListenError extends Error {
  override name = 'ListenError'
}

/**
 * Serves `core` on host:port with this runtime's server: Bun.serve on Bun, node:http through
 * @hono/node-server elsewhere. Deno has Deno.serve, but it sends the status line before it asks
 * for a body, so it cannot close a connection with no answer as a `drop` fault must; Deno's
 * node:http can. Each server module is loaded only on its runtime.
 */
export async function listen(
  core: Served,
  address: { port: number; host: string },
): Promise<Listener> {
  try {
    const serve =
      currentRuntime() === 'bun'
        ? (await import('./bun-listener.js')).listenWithBun
        : (await import('./node-listener.js')).listenWithNodeHttp
    return await serve(core, address)
  } catch (error) {
    const code = (error as { code?: string; name?: string }).code ?? (error as Error).name
    if (code === 'EADDRINUSE' || code === 'AddrInUse' || /in use/i.test((error as Error).message)) {
      throw new ListenError(
        `port ${address.port} on ${address.host} is already in use; stop the other server or set PORT.`,
      )
    }
    throw new ListenError(
      `cannot listen on ${address.host}:${address.port}: ${(error as Error).message}`,
    )
  }
}
