#!/usr/bin/env node
// @ts-check
// The main job (`pnpm start`, after `turbo run build`): runs the reference docs, the Prism mock
// and the sandbox together on 127.0.0.1. Waits until each port
// answers, prints one block with every URL, and on Ctrl-C (SIGINT) or SIGTERM stops everything:
// every child runs in its own process group, and the whole group is stopped.
// Ports: MOCK_PORT (4010), DOCS_PORT (8080), SANDBOX_PORT (4011).
//
// It is a place to try the API: the sandbox starts empty, in memory, with a test credential made
// for this run (SANDBOX_API_KEY and SANDBOX_API_SECRET choose it instead), and the docs forward
// their "Try it" console's calls to the mock and the sandbox, the credential filled in. The block
// shows the test apiKey; the secret is never printed (the console has it). `pnpm sandbox` is the
// one that keeps a database file.
import {
  assertPortFree,
  PortInUseError,
  portFromEnv,
  randomCredential,
  runningWhenReady,
  startWorkspaceScript,
  waitForPort,
} from '@solapi/devkit'

const HOST = '127.0.0.1'

/**
 * @typedef {object} Service
 * @property {string} name
 * @property {string} portVariable
 * @property {number} port
 * @property {string} packageName the workspace package whose `start` script runs it
 * @property {Record<string, string>} env set for it, beside PORT and HOST
 * @property {string} note shown after the URL
 */

/**
 * Runs a workspace package's `start` script in its own process group, its output prefixed with
 * the service name, and resolves once its port answers.
 * @param {Service} service
 */
async function startService({ packageName, name, port, env }) {
  const service = startWorkspaceScript(packageName, 'start', {
    label: name,
    env: { ...env, PORT: String(port), HOST },
    onLine: (line) => console.log(`[${name}] ${line}`),
  })
  return runningWhenReady(service, `http://${HOST}:${port}`, () =>
    waitForPort(port, HOST, { process: service }),
  )
}

/** The sandbox's test credential for this run: SANDBOX_API_KEY/SANDBOX_API_SECRET, or new. */
function testCredential() {
  const { SANDBOX_API_KEY: apiKey, SANDBOX_API_SECRET: apiSecret } = process.env
  return apiKey && apiSecret ? { apiKey, apiSecret } : randomCredential()
}

/** @returns {Service[]} */
function services() {
  const mockPort = portFromEnv('MOCK_PORT', 4010)
  const sandboxPort = portFromEnv('SANDBOX_PORT', 4011)
  const credential = testCredential()
  const sandboxEnv = {
    SANDBOX_API_KEY: credential.apiKey,
    SANDBOX_API_SECRET: credential.apiSecret,
  }
  return [
    {
      name: 'docs',
      packageName: '@solapi/credentials-docs',
      portVariable: 'DOCS_PORT',
      port: portFromEnv('DOCS_PORT', 8080),
      env: {
        MOCK_URL: `http://${HOST}:${mockPort}`,
        SANDBOX_URL: `http://${HOST}:${sandboxPort}`,
        ...sandboxEnv,
      },
      note: 'reference docs (offline Redoc), each operation with a "Try it" console',
    },
    {
      name: 'mock',
      packageName: '@solapi/credentials-mock',
      portVariable: 'MOCK_PORT',
      port: mockPort,
      env: {},
      note: 'Prism mock; Prefer: code=404 | example=<name> | dynamic=true',
    },
    {
      name: 'sandbox',
      packageName: '@solapi/credentials-sandbox',
      portVariable: 'SANDBOX_PORT',
      port: sandboxPort,
      env: { ...sandboxEnv, DATABASE: ':memory:' },
      note: `stateful sandbox, in memory; checks signatures for real; test apiKey ${credential.apiKey}`,
    },
  ]
}

/** @type {{ name: string, stop: () => Promise<void> }[]} */
const running = []
let stopping = false

async function stopAll(/** @type {number} */ exitCode) {
  if (stopping) return
  stopping = true
  await Promise.all(running.map((service) => service.stop().catch(() => {})))
  process.exit(exitCode)
}

process.once('SIGINT', () => void stopAll(0))
process.once('SIGTERM', () => void stopAll(0))

async function main() {
  let list
  try {
    list = services()
  } catch (error) {
    console.error(`start: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }

  // Every busy port is reported before anything starts, each naming the variable that moves it.
  const busy = []
  for (const service of list) {
    try {
      await assertPortFree(service.port, HOST, service.name)
    } catch (error) {
      if (!(error instanceof PortInUseError)) throw error
      busy.push(`start: ${error.message}; set ${service.portVariable} to choose another`)
    }
  }
  if (busy.length > 0) {
    console.error(busy.join('\n'))
    process.exit(1)
  }

  const started = await Promise.allSettled(
    list.map(async (service) => {
      const handle = await startService(service)
      if (stopping) {
        await handle.stop()
        return { service, url: handle.url }
      }
      running.push({ name: service.name, stop: handle.stop })
      void handle.process.exited.then(({ code, signal }) => {
        if (stopping) return
        console.error(`start: ${service.name} exited (${code ?? signal}); stopping everything`)
        void stopAll(1)
      })
      return { service, url: handle.url }
    }),
  )
  const failures = started.flatMap((result) =>
    result.status === 'rejected' ? [result.reason] : [],
  )
  if (failures.length > 0) {
    for (const failure of failures) {
      console.error(`start: ${failure instanceof Error ? failure.message : String(failure)}`)
    }
    await stopAll(1)
    return
  }
  if (stopping) return

  // Let the children's start-up lines (already on their way through readline) print first, so
  // that the block with the URLs is the last thing on the screen.
  await new Promise((resolve) => setTimeout(resolve, 100))
  const rows = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  const width = Math.max(...rows.map((row) => row.service.name.length))
  const urlWidth = Math.max(...rows.map((row) => row.url.length))
  console.log(
    [
      '',
      'SOLAPI Credentials API toolkit is running:',
      ...rows.map(
        ({ service, url }) =>
          `  ${service.name.padEnd(width)}  ${url.padEnd(urlWidth)}  ${service.note}`,
      ),
      'Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  )
}

await main()
