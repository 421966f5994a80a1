#!/usr/bin/env node
// @ts-check
// The main job (`pnpm start`, after `turbo run build`): runs the reference docs, the Prism mock
// and the sandbox together on 127.0.0.1. Waits until each port
// answers, prints one block with every URL, and on Ctrl-C (SIGINT) or SIGTERM stops everything:
// every child runs in its own process group, and the whole group is stopped.
// Ports: MOCK_PORT (4010), DOCS_PORT (8080), SANDBOX_PORT (4011).
import { readFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { serveDocs } from '../apps/docs/src/serve-docs.mjs'
import { portFromEnv } from '../apps/mock/src/env-port.mjs'
import {
  assertPortFree,
  PortInUseError,
  spawnGroup,
  stopGroup,
  waitForPort,
} from '../apps/mock/src/process-group.mjs'
import { startMock } from '../apps/mock/src/start-mock.mjs'

const HOST = '127.0.0.1'
const repoDir = fileURLToPath(new URL('..', import.meta.url))
const sandboxDir = join(repoDir, 'apps/sandbox')

/**
 * @typedef {object} Service
 * @property {string} name
 * @property {string} portVariable
 * @property {number} port
 * @property {string} note shown after the URL
 * @property {() => Promise<{ url: string, stop: () => Promise<void>, child?: import('node:child_process').ChildProcess }>} start
 */

/** Prefixes each line a child prints with its service name, so the streams stay readable. */
function prefixOutput(/** @type {import('node:stream').Readable | null} */ stream, name) {
  if (!stream) return
  createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`))
}

/** Runs a package's `start` script the way a package manager would, in its own process group. */
async function startPackageScript(/** @type {string} */ dir, /** @type {string} */ name, port) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const script = manifest.scripts?.start
  if (!script) throw new Error(`${name}: ${dir}/package.json has no "start" script`)
  const bins = [join(dir, 'node_modules/.bin'), join(repoDir, 'node_modules/.bin')]
  const child = spawnGroup('sh', ['-c', script], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST,
      PATH: [...bins, process.env.PATH ?? ''].join(delimiter),
    },
  })
  prefixOutput(child.stdout, name)
  prefixOutput(child.stderr, name)
  try {
    await waitForPort(port, HOST, { child, label: name })
  } catch (error) {
    await stopGroup(child)
    throw error
  }
  return { url: `http://${HOST}:${port}`, child, stop: () => stopGroup(child) }
}

/** @returns {Service[]} */
function services() {
  /** @type {Service[]} */
  const list = [
    {
      name: 'docs',
      portVariable: 'DOCS_PORT',
      port: portFromEnv('DOCS_PORT', 8080),
      note: 'reference docs (offline Redoc)',
      start: async () => {
        const docs = await serveDocs({ port: list[0]?.port, host: HOST })
        return { url: docs.url, stop: docs.close }
      },
    },
    {
      name: 'mock',
      portVariable: 'MOCK_PORT',
      port: portFromEnv('MOCK_PORT', 4010),
      note: 'Prism mock; Prefer: code=404 | example=<name> | dynamic=true',
      start: async () => {
        return startMock({
          port: list[1]?.port,
          host: HOST,
          log: (line) => console.log(`[mock] ${line}`),
        })
      },
    },
  ]
  const sandboxPort = portFromEnv('SANDBOX_PORT', 4011)
  list.push({
    name: 'sandbox',
    portVariable: 'SANDBOX_PORT',
    port: sandboxPort,
    note: 'stateful sandbox; checks signatures for real',
    start: () => startPackageScript(sandboxDir, 'sandbox', sandboxPort),
  })
  return list
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
      const handle = await service.start()
      if (stopping) {
        await handle.stop()
        return { service, url: handle.url }
      }
      running.push({ name: service.name, stop: handle.stop })
      handle.child?.once('exit', (code, signal) => {
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
