// @ts-check
// Starts Prism on the bundled spec and resolves once it answers. Used by the bin and by the
// repo's `pnpm start`.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { assertPortFree, spawnGroup, stopGroup, waitForPort } from './process-group.mjs'

const require = createRequire(import.meta.url)

/** The spec this package carries (copied from @solapi/credentials-spec at build time). */
export const bundledSpecPath = fileURLToPath(new URL('../dist/openapi.yaml', import.meta.url))

/** @default 4010 */
export const DEFAULT_PORT = 4010
/** @default '127.0.0.1' */
export const DEFAULT_HOST = '127.0.0.1'

/**
 * @typedef {object} MockOptions
 * @property {number} [port] TCP port (default 4010).
 * @property {string} [host] Interface to listen on (default '127.0.0.1').
 * @property {string} [spec] OpenAPI document to serve (default: the bundled spec).
 * @property {import('node:child_process').StdioOptions} [stdio] Prism's stdio (default 'inherit').
 * @property {number} [startupTimeoutMs] How long Prism may take to answer (default 60000).
 */

/**
 * @typedef {object} RunningMock
 * @property {string} url
 * @property {import('node:child_process').ChildProcess} child the Prism process (group leader)
 * @property {() => Promise<void>} stop stops Prism and every process of its group
 */

/**
 * @param {MockOptions} [options]
 * @returns {Promise<RunningMock>}
 */
export async function startMock({
  port = DEFAULT_PORT,
  host = DEFAULT_HOST,
  spec = bundledSpecPath,
  stdio = 'inherit',
  startupTimeoutMs = 60_000,
} = {}) {
  if (!existsSync(spec)) {
    throw new Error(`Spec not found at ${spec}. Run \`pnpm build\` first (it copies the spec).`)
  }
  await assertPortFree(port, host, 'mock')
  const prism = require.resolve('@stoplight/prism-cli/dist/index.js')
  const child = spawnGroup(
    process.execPath,
    [prism, 'mock', '--host', host, '--port', String(port), spec],
    { stdio, env: { ...process.env, NODE_NO_WARNINGS: '1' } },
  )
  const stop = () => stopGroup(child)
  try {
    await waitForPort(port, host, { child, timeoutMs: startupTimeoutMs, label: 'Prism' })
  } catch (error) {
    await stop()
    throw error
  }
  return { url: `http://${host}:${port}`, child, stop }
}
