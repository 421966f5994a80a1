// @ts-check
// Starts Prism on the bundled spec behind the JSON guard, and resolves once both answer. Used by
// the bin and by the repo's `pnpm start`.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { startJsonGuard } from './json-guard.mjs'
import {
  assertPortFree,
  findFreePort,
  spawnGroup,
  stopGroup,
  waitForPort,
} from './process-group.mjs'

const require = createRequire(import.meta.url)

/** The spec this package carries (copied from @solapi/credentials-spec at build time). */
export const bundledSpecPath = fileURLToPath(new URL('../dist/openapi.yaml', import.meta.url))
const bundledJsonPath = fileURLToPath(new URL('../dist/openapi.json', import.meta.url))

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
 * @property {import('node:child_process').ChildProcess} child the Prism process (group leader)
 * @property {() => Promise<void>} stop stops the guard, Prism and every process of its group
 */

/** @param {string} path */
function readBundled(path) {
  if (!existsSync(path)) {
    throw new Error(`Spec not found at ${path}. Run \`pnpm build\` first (it copies the spec).`)
  }
  return readFileSync(path, 'utf8')
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
  const spec = JSON.parse(readBundled(bundledJsonPath))
  await assertPortFree(port, host, 'mock')

  // Prism listens on a private port; the guard takes the public one.
  const prismPort = await findFreePort('127.0.0.1')
  const prism = require.resolve('@stoplight/prism-cli/dist/index.js')
  const child = spawnGroup(
    process.execPath,
    [prism, 'mock', '--host', '127.0.0.1', '--port', String(prismPort), bundledSpecPath],
    {
      stdio: ['ignore', log ? 'pipe' : 'ignore', log ? 'pipe' : 'ignore'],
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    },
  )
  const url = `http://${host}:${port}`
  /** @type {Promise<unknown>} */
  let announced = Promise.resolve()
  if (log) {
    // Prism names its own (private) address; users should see the one they call.
    const prismUrl = `http://127.0.0.1:${prismPort}`
    /** @type {(value?: unknown) => void} */
    let onAnnounced = () => {}
    announced = new Promise((resolve) => {
      onAnnounced = resolve
    })
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue
      createInterface({ input: stream }).on('line', (line) => {
        log(line.replaceAll(prismUrl, url))
        if (line.includes('Prism is listening')) onAnnounced()
      })
    }
  }

  /** @type {{ close: () => Promise<void> } | undefined} */
  let guard
  const stop = async () => {
    await Promise.all([guard?.close(), stopGroup(child)])
  }
  try {
    await waitForPort(prismPort, '127.0.0.1', {
      child,
      timeoutMs: startupTimeoutMs,
      label: 'Prism',
    })
    guard = await startJsonGuard({
      port,
      host,
      upstreamPort: prismPort,
      invalidJsonBody: spec.components.examples.InvalidJSON.value,
    })
    // Let Prism's start-up lines print before the caller announces the URL (they travel through
    // a pipe and may arrive after the port answers).
    await Promise.race([announced, new Promise((resolve) => setTimeout(resolve, 2000))])
  } catch (error) {
    await stop()
    throw error
  }
  return { url, child, stop }
}
