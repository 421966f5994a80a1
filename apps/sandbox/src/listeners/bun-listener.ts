import type { Listener, Served } from './served.js'

/** Bun.serve. A dropped request gets a body that fails before its first byte: Bun resets the connection with nothing sent. */
export async function listenWithBun(
  core: Served,
  { port, host }: { port: number; host: string },
): Promise<Listener> {
  const server = Bun.serve({
    port,
    hostname: host,
    // A fault may hold an answer back for up to a minute; Bun's default idle timeout is 10 s.
    idleTimeout: 0,
    fetch: async (request) => {
      const response = await core.handle(request)
      if (!core.dropped(request)) return response
      return new Response(new ReadableStream({ start: (controller) => controller.error() }))
    },
  })
  return {
    port: server.port,
    close: async (graceMs = 5000) => {
      const cut = setTimeout(() => void server.stop(true), graceMs)
      await server.stop()
      clearTimeout(cut)
    },
  }
}
