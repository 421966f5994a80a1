// `prism proxy <bundled spec> <upstream> --errors` on a free port: every request and response
// that passes through is validated against the spec, and a violation turns into an error
// response instead of being forwarded silently.
import { createRequire } from 'node:module'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from './free-port.js'
import type { RunningServer } from './mock.js'
import { spawnServer, waitOrStop } from './process-group.js'
import { REPO_ROOT } from './workspace-app.js'

const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url))
/** The bundled spec as the spec package exports it. */
const BUNDLED_SPEC = createRequire(import.meta.url).resolve('@solapi/credentials-spec/openapi.json')

export async function startPrismProxy(
  upstream: string,
  spec: string = BUNDLED_SPEC,
  host = '127.0.0.1',
): Promise<RunningServer> {
  const port = await freePort(host)
  const path = [join(PACKAGE_DIR, 'node_modules', '.bin'), join(REPO_ROOT, 'node_modules', '.bin')]
  const server = spawnServer(
    'prism',
    ['proxy', '--host', host, '--port', String(port), spec, upstream, '--errors'],
    {
      cwd: PACKAGE_DIR,
      env: { ...process.env, PATH: [...path, process.env.PATH].join(delimiter) },
    },
  )
  const baseUrl = `http://${host}:${port}`
  await waitOrStop(baseUrl, server)
  return { baseUrl, stop: () => server.stop() }
}
