// The sandbox (`@solapi/credentials-sandbox`) on a free port with an in-memory database and a
// bootstrap credential made up for this run, or an already running one given by environment.
import { freePort } from './free-port.js'
import { waitOrStop } from './process-group.js'
import { startWorkspaceScript } from './workspace-app.js'

export interface SandboxTarget {
  baseUrl: string
  apiKey: string
  apiSecret: string
}

export interface RunningSandbox extends SandboxTarget {
  stop(): Promise<void>
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** Random upper-case letters and digits, the shape of ApiKey (16) and ApiSecret (32). */
export function randomUpperAlnum(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  return Array.from(bytes, (b) => UPPER_ALNUM[b % UPPER_ALNUM.length]).join('')
}

/**
 * `SANDBOX_URL` (with `SANDBOX_API_KEY` and `SANDBOX_API_SECRET` of an active credential)
 * targets a sandbox that is already running; otherwise one is started for the run.
 */
export async function startSandbox(env: NodeJS.ProcessEnv = process.env): Promise<RunningSandbox> {
  if (env.SANDBOX_URL) {
    const { SANDBOX_API_KEY: apiKey, SANDBOX_API_SECRET: apiSecret } = env
    if (!apiKey || !apiSecret) {
      throw new Error(
        'SANDBOX_URL is set: set SANDBOX_API_KEY and SANDBOX_API_SECRET to an active credential too',
      )
    }
    return { baseUrl: env.SANDBOX_URL.replace(/\/$/, ''), apiKey, apiSecret, stop: async () => {} }
  }
  const host = '127.0.0.1'
  const port = await freePort(host)
  const apiKey = randomUpperAlnum(16)
  const apiSecret = randomUpperAlnum(32)
  const server = startWorkspaceScript('@solapi/credentials-sandbox', 'start', {
    HOST: host,
    PORT: String(port),
    DATABASE: ':memory:',
    SANDBOX_API_KEY: apiKey,
    SANDBOX_API_SECRET: apiSecret,
  })
  const baseUrl = `http://${host}:${port}`
  await waitOrStop(baseUrl, server)
  return { baseUrl, apiKey, apiSecret, stop: () => server.stop() }
}
