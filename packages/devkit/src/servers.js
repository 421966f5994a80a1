// @ts-check
// The toolkit's servers, started for tests, benches and `pnpm start`: Prism (as a mock or as a
// validating proxy), the mock app, the sandbox app and the docs app, each on a free port and in
// its own process group, resolved once it answers.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { randomControlToken, randomCredential } from './credentials.js'
import { freePort } from './ports.js'
import { startProcess } from './process.js'
import { repoRoot, startWorkspaceScript, workspacePackageDir } from './workspace.js'

const require = createRequire(import.meta.url)

/**
 * @typedef {object} RunningServer
 * @property {string} url base URL, no trailing slash
 * @property {import('./process.js').ProcessHandle} process
 * @property {() => Promise<void>} stop stops its whole process group
 */

/** The bundled spec as YAML, as @solapi/credentials-spec publishes it. */
export const bundledSpecPath = require.resolve('@solapi/credentials-spec/openapi.yaml')

/**
 * Prism 5 on a free port: `mock` serves the spec's examples; `proxy` forwards to `upstream` and,
 * with `errors`, turns every request or response that breaks the spec into an error answer.
 * @param {{ mode?: 'mock' | 'proxy', upstream?: string, errors?: boolean, dynamic?: boolean, spec?: string, host?: string }} [options]
 * @returns {Promise<RunningServer>}
 */
export async function startPrism(options = {}) {
  const { mode = 'mock', host = '127.0.0.1', spec = bundledSpecPath } = options
  const port = await freePort(host)
  const args = [mode, '--host', host, '--port', String(port)]
  if (options.dynamic) args.push('--dynamic')
  args.push(spec)
  if (mode === 'proxy') {
    if (!options.upstream) throw new Error('devkit: startPrism in proxy mode needs an upstream')
    args.push(options.upstream)
    if (options.errors) args.push('--errors')
  }
  const prism = startProcess(
    process.execPath,
    [require.resolve('@stoplight/prism-cli/dist/index.js'), ...args],
    { label: `prism ${mode}`, env: { NODE_NO_WARNINGS: '1' } },
  )
  return runningWhenReady(prism, `http://${host}:${port}`, () =>
    prism.waitForOutput(/Prism is listening/, { timeoutMs: 60_000 }),
  )
}

/**
 * The mock app (`@solapi/credentials-mock`, Prism behind its JSON guard) through its own `start`
 * script, so that tests hold the very command consumers run.
 * @param {{ host?: string }} [options]
 * @returns {Promise<RunningServer>}
 */
export async function startMock({ host = '127.0.0.1' } = {}) {
  const port = await freePort(host)
  const mock = startWorkspaceScript('@solapi/credentials-mock', 'start', {
    env: { HOST: host, PORT: String(port) },
  })
  const url = `http://${host}:${port}`
  // Its own line, not the first HTTP answer: the guard answers (a 404 for `/`) before Prism is
  // up, and the mock prints the line once Prism has answered its first request.
  return runningWhenReady(mock, url, () =>
    mock.waitForOutput(/mock \(Prism\) listening on/, { timeoutMs: 60_000 }),
  )
}

/**
 * The docs app (`@solapi/credentials-docs`) through its own `start` script, serving its built
 * page (`dist/`, so the docs must be built). With `upstreams` it forwards `/servers/mock/*` and
 * `/servers/sandbox/*` to them, as under `pnpm start`; with `sandboxCredential` as well, the page
 * it serves carries that credential for its console.
 * @param {{ host?: string, upstreams?: { mock?: string, sandbox?: string }, sandboxCredential?: { apiKey: string, apiSecret: string } }} [options]
 * @returns {Promise<RunningServer>}
 */
export async function startDocs({ host = '127.0.0.1', upstreams = {}, sandboxCredential } = {}) {
  const port = await freePort(host)
  const docs = startWorkspaceScript('@solapi/credentials-docs', 'start', {
    env: {
      HOST: host,
      PORT: String(port),
      MOCK_URL: upstreams.mock,
      SANDBOX_URL: upstreams.sandbox,
      SANDBOX_API_KEY: sandboxCredential?.apiKey,
      SANDBOX_API_SECRET: sandboxCredential?.apiSecret,
    },
  })
  const url = `http://${host}:${port}`
  return runningWhenReady(docs, url, () =>
    docs.waitForOutput(/docs on http:\/\/\S+/, { timeoutMs: 30_000 }),
  )
}

/** @typedef {'node' | 'bun' | 'deno'} Runtime */

/**
 * The binary of a runtime. Bun and Deno are the repo's own (`bun-bin`, `deno-bin`), run directly
 * rather than through their npm shims so that a signal reaches the runtime itself; one on PATH
 * is the fallback.
 * @param {Runtime} runtime
 * @returns {string}
 */
export function runtimeBinary(runtime) {
  const local = (/** @type {string} */ path, /** @type {string} */ name) => {
    const full = join(repoRoot, 'node_modules', path)
    return existsSync(full) ? full : name
  }
  if (runtime === 'bun') return local('bun-bin/bin/bun.exe', 'bun')
  if (runtime === 'deno') return local('deno-bin/deno', 'deno')
  return process.execPath
}

/**
 * The command that runs a JavaScript file on a runtime.
 * @param {Runtime} runtime
 * @param {string} script
 * @returns {[string, string[]]}
 */
export function runtimeCommand(runtime, script) {
  const binary = runtimeBinary(runtime)
  return [binary, runtime === 'deno' ? ['run', '-A', script] : [script]]
}

/**
 * @typedef {RunningServer & { apiKey: string, apiSecret: string, controlToken: string }} RunningSandbox
 */

/**
 * The sandbox app's built bin (`dist/bin.js`) on a runtime, on a free port, by default with an
 * in-memory database, a made-up bootstrap credential and a made-up control token (its control
 * API at `/_sandbox/`). Resolves once it prints the URL it listens on.
 * @param {{ runtime?: Runtime, database?: string, apiKey?: string, apiSecret?: string, controlToken?: string, env?: Record<string, string | undefined>, extendEnv?: boolean, host?: string }} [options]
 * @returns {Promise<RunningSandbox>}
 */
export async function startSandboxProcess(options = {}) {
  const { runtime = 'node', database = ':memory:', host = '127.0.0.1' } = options
  const credential =
    options.apiKey && options.apiSecret
      ? { apiKey: options.apiKey, apiSecret: options.apiSecret }
      : randomCredential()
  const controlToken = options.controlToken ?? randomControlToken()
  const dir = workspacePackageDir('@solapi/credentials-sandbox')
  const [command, args] = runtimeCommand(runtime, 'dist/bin.js')
  const sandbox = startProcess(command, args, {
    label: `sandbox (${runtime})`,
    cwd: dir,
    extendEnv: options.extendEnv ?? true,
    env: {
      PORT: '0',
      HOST: host,
      DATABASE: database,
      NO_COLOR: '1',
      SANDBOX_API_KEY: credential.apiKey,
      SANDBOX_API_SECRET: credential.apiSecret,
      SANDBOX_CONTROL_TOKEN: controlToken,
      ...options.env,
    },
  })
  let url = ''
  const server = await runningWhenReady(sandbox, '', async () => {
    const match = await sandbox.waitForOutput(/Sandbox listening on (http:\/\/\S+)/, {
      timeoutMs: 30_000,
    })
    url = String(match[1])
  })
  return { ...server, url, ...credential, controlToken }
}

/**
 * A started server once `ready` resolves; if `ready` rejects, its process group is stopped and
 * the error rethrown, so that a server that never came up is not left behind.
 * @param {import('./process.js').ProcessHandle} process
 * @param {string} url
 * @param {() => Promise<unknown>} ready
 * @returns {Promise<RunningServer>}
 */
export async function runningWhenReady(process, url, ready) {
  try {
    await ready()
  } catch (error) {
    await process.stop()
    throw error
  }
  return { url, process, stop: () => process.stop() }
}
