// @ts-check
// Starts Prism on the spec this package carries, behind the JSON guard, and resolves once both
// answer. Prism runs as one child process (execa supervises it: a signal to stop, a kill if it
// lingers, and nothing left running when this process exits), with its response headers made
// safe ASCII (prism-safe-headers.mjs). The guard's body limit is the carried spec's own
// `x-solapi-limits`, read through @solapi/credentials-spec (the one reader of the spec).
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { createContract } from '@solapi/credentials-spec'
import { execa } from 'execa'
import getPort from 'get-port'
import { startJsonGuard } from './json-guard.mjs'

const require = createRequire(import.meta.url)

/** The spec this package carries (copied from @solapi/credentials-spec at build time). */
export const bundledSpecPath = fileURLToPath(new URL('../dist/openapi.yaml', import.meta.url))
const bundledJsonPath = fileURLToPath(new URL('../dist/openapi.json', import.meta.url))
const safeHeadersPreload = new URL('./prism-safe-headers.mjs', import.meta.url).href

/** @default 4010 */
export const DEFAULT_PORT = 4010
/** @default '127.0.0.1' */
export const DEFAULT_HOST = '127.0.0.1'

/**
 * @typedef {object} MockOptions
 * @property {number} [port] TCP port (default 4010).
 * @property {string} [host] Interface to listen on (default '127.0.0.1').
 * @property {((line: string) => void) | null} [log] Gets each line Prism prints (default: print
 *   it to stdout); null drops them.
 * @property {number} [startupTimeoutMs] How long Prism may take to answer (default 60000).
 */

/**
 * @typedef {object} RunningMock
 * @property {string} url
 * @property {Promise<void>} exited settles when Prism exits, for whatever reason
 * @property {() => Promise<void>} stop stops the guard and Prism
 */

/** @param {string} path */
function readBundled(path) {
  if (!existsSync(path)) {
    throw new Error(`Spec not found at ${path}. Run \`pnpm build\` first (it copies the spec).`)
  }
  return readFileSync(path, 'utf8')
}

/**
 * Prism builds its validators on the first request to any operation (seconds of CPU, many on a
 * busy machine), so the mock sends one request of its own first: it is ready when it answers
 * promptly, and no caller's first request meets that wait. Prism checks only that an
 * Authorization header is there, so the request is answered 200, as any caller's would be.
 * @param {string} prismUrl
 * @param {{ path: string, method: string }} operation
 */
async function warmUp(prismUrl, operation) {
  const response = await fetch(`${prismUrl}${operation.path}`, {
    method: operation.method.toUpperCase(),
    headers: { 'content-type': 'application/json', authorization: 'HMAC-SHA256 warm-up' },
    body: '{}',
  })
  await response.body?.cancel()
}

/**
 * @param {MockOptions} [options]
 * @returns {Promise<RunningMock>}
 */
export async function startMock({
  port = DEFAULT_PORT,
  host = DEFAULT_HOST,
  log = (line) => console.log(line),
  startupTimeoutMs = 60_000,
} = {}) {
  readBundled(bundledSpecPath)
  const { limits, operations } = createContract(JSON.parse(readBundled(bundledJsonPath)))
  const [first] = operations
  if (!first) throw new Error(`The spec at ${bundledSpecPath} has no operation to serve`)
  // The public port first: a busy one is refused before Prism is started at all.
  const guard = await startJsonGuard({
    port,
    host,
    maxBodyBytes: limits.maxRequestBodyBytes,
    operations,
  })
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${guard.port}`

  // Prism listens on a private port behind the guard.
  const prismPort = await getPort({ host: '127.0.0.1' })
  const prismUrl = `http://127.0.0.1:${prismPort}`
  const prism = execa(
    process.execPath,
    [
      '--import',
      safeHeadersPreload,
      require.resolve('@stoplight/prism-cli/dist/index.js'),
      'mock',
      '--host',
      '127.0.0.1',
      '--port',
      String(prismPort),
      bundledSpecPath,
    ],
    {
      all: true,
      buffer: false,
      reject: false,
      stdin: 'ignore',
      env: { NODE_NO_WARNINGS: '1' },
      forceKillAfterDelay: 5000,
    },
  )
  const exited = prism.then(() => undefined)
  const stop = async () => {
    prism.kill()
    await Promise.all([guard.close(), exited])
  }

  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Prism did not answer within ${startupTimeoutMs} ms`)),
        startupTimeoutMs,
      )
      let partial = ''
      prism.all?.on('data', (/** @type {Buffer} */ chunk) => {
        const lines = (partial + chunk.toString('utf8')).split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) {
          // Prism names its own (private) address; users should see the one they call.
          log?.(line.replaceAll(prismUrl, url))
          if (line.includes('Prism is listening')) {
            log?.(
              `Warming up Prism: one request of its own, ${first.method.toUpperCase()} ${first.path}`,
            )
            void warmUp(prismUrl, first).then(() => {
              clearTimeout(timer)
              guard.forwardTo(prismPort)
              resolve(undefined)
            }, reject)
          }
        }
      })
      void exited.then(() => {
        clearTimeout(timer)
        reject(new Error('Prism exited before it answered'))
      })
    })
  } catch (error) {
    await stop()
    throw error
  }
  return { url, exited, stop }
}
