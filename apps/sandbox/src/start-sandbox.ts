import { createControlClient, type SandboxControl } from './control-client.js'
import { listen } from './listeners/listener.js'
import { openSandbox } from './sandbox-core.js'
import type { ListenOptions, SandboxOptions } from './settings.js'

export interface RunningSandbox {
  /** Where it listens, e.g. `http://127.0.0.1:39017`; no trailing slash. */
  url: string
  /** The bootstrap credential: the first account's. */
  apiKey: string
  apiSecret: string
  /** Opens the control API (`Authorization: Bearer <controlToken>`). */
  controlToken: string
  /** A typed client for the control API at `url`. */
  control: SandboxControl
  /** Stops listening (requests in flight get 5 s to finish) and closes the database. */
  close(): Promise<void>
}

/**
 * A sandbox listening in this process (Node: node:http; Bun: Bun.serve; Deno: its node:http),
 * by default on a free port of 127.0.0.1 with an in-memory database and random credentials.
 * Resolves once it answers.
 */
export async function startSandbox(
  options: SandboxOptions & ListenOptions = {},
): Promise<RunningSandbox> {
  const { port = 0, host = '127.0.0.1', ...sandboxOptions } = options
  const core = await openSandbox({ ...sandboxOptions, port })
  let listener: Awaited<ReturnType<typeof listen>>
  try {
    listener = await listen(core, { port, host })
  } catch (error) {
    await core.close()
    throw error
  }
  const close = async () => {
    await listener.close()
    await core.close()
  }
  const { keys } = await core.bootstrap().catch(async (error) => {
    await close()
    throw error
  })
  const url = urlOf(host, listener.port)
  return {
    url,
    ...keys,
    controlToken: core.controlToken,
    control: createControlClient({ baseUrl: url, controlToken: core.controlToken }),
    close,
  }
}

/** The URL of a listening address; an IPv6 address goes in brackets. */
export function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
}
