// The Prism mock app (`@solapi/credentials-mock`) on a free port, started through its own
// `start` script so that the suite holds the very command consumers run.
import { freePort } from './free-port.js'
import { waitOrStop } from './process-group.js'
import { startWorkspaceScript } from './workspace-app.js'

export interface RunningServer {
  baseUrl: string
  stop(): Promise<void>
}

export async function startMock(host = '127.0.0.1'): Promise<RunningServer> {
  const port = await freePort(host)
  const server = startWorkspaceScript('@solapi/credentials-mock', 'start', {
    HOST: host,
    PORT: String(port),
  })
  const baseUrl = `http://${host}:${port}`
  await waitOrStop(baseUrl, server)
  return { baseUrl, stop: () => server.stop() }
}
