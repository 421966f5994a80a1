import { createControlClient, type SandboxControl } from './control-client.js'
import { openSandbox } from './sandbox-core.js'
import type { SandboxOptions } from './settings.js'

export interface Sandbox {
  /**
   * The sandbox as a web-standard handler, for use with no port: give it to a client's `fetch`
   * option. A request a `drop` fault drops rejects with a TypeError, as fetch does when a
   * connection closes with no answer.
   */
  fetch(request: Request): Promise<Response>
  /** The bootstrap credential: the first account's. */
  apiKey: string
  apiSecret: string
  /** Opens the control API (`Authorization: Bearer <controlToken>`). */
  controlToken: string
  /** A typed client for the control API, bound to `fetch`. */
  control: SandboxControl
  /** Closes the database. */
  close(): Promise<void>
}

/** Where the control client of a portless sandbox sends its requests; any URL would do. */
const HANDLER_BASE_URL = 'http://sandbox.invalid'

/**
 * A sandbox in this process with no listener: resolves once its database is open and the
 * bootstrap credential exists. Runs on Node, Bun and Deno.
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const core = await openSandbox(options)
  const { keys } = await core.bootstrap().catch(async (error) => {
    await core.close()
    throw error
  })
  const fetch = async (request: Request) => {
    const response = await core.handle(request)
    if (core.dropped(request)) {
      throw new TypeError('fetch failed', {
        cause: new Error('The sandbox dropped the connection with no answer (a drop fault).'),
      })
    }
    return response
  }
  return {
    fetch,
    ...keys,
    controlToken: core.controlToken,
    control: createControlClient({
      baseUrl: HANDLER_BASE_URL,
      controlToken: core.controlToken,
      fetch,
    }),
    close: () => core.close(),
  }
}
