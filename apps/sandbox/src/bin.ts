#!/usr/bin/env node
// The bin, `solapi-credentials-sandbox` (`npx @solapi/credentials-sandbox`): a sandbox on
// HOST:PORT until SIGINT or SIGTERM, set up by the environment (see config.ts). Human messages
// go to stderr, the JSON log to stdout. Runs on Node, Bun (`bun`) and Deno (`deno run -A`).
import process from 'node:process'
import { type BinConfig, readConfig } from './config.js'
import { createLogger } from './domain/logger.js'
import { type Listener, listen } from './listeners/listener.js'
import { currentRuntime } from './runtime/current-runtime.js'
import { openSandbox, type SandboxCore } from './sandbox-core.js'
import { urlOf } from './start-sandbox.js'

const say = (line: string) => process.stderr.write(`${line}\n`)

function fail(error: unknown): never {
  say(`sandbox: ${(error as Error).message}`)
  process.exit(1)
}

let config: BinConfig
try {
  config = readConfig(process.env)
} catch (error) {
  fail(error)
}
const { port = 0, host = '127.0.0.1', ...options } = config.options
const runtime = currentRuntime()
const logger = createLogger(options.logLevel ?? 'info')

let core: SandboxCore
try {
  core = await openSandbox(options, config.names)
} catch (error) {
  fail(error)
}
if (core.masterKey.source === 'key-file-created') {
  say(`Created the master key file ${core.masterKey.file} (mode 0600).`)
}
if (core.migrated.length > 0) {
  logger.info('migrated', { database: core.storage.location, versions: core.migrated })
}

let listener: Listener
try {
  listener = await listen(core, { port, host })
} catch (error) {
  await core.close()
  fail(error)
}

// Bootstrap only once the port is ours: a failed start must not consume the one-time print.
const bootstrap = await core.bootstrap()
const inMemory = core.storage.location === ':memory:'
if (bootstrap.created && bootstrap.origin === 'configured') {
  say(
    `Bootstrap credential ${bootstrap.keys.apiKey} created from SANDBOX_API_KEY/SANDBOX_API_SECRET.`,
  )
} else if (bootstrap.created) {
  // The one time the sandbox shows a secret: it exists nowhere else in plain text.
  say(
    [
      `Bootstrap credential created (shown once${inMemory ? '' : '; it is stored encrypted'}):`,
      `  apiKey    ${bootstrap.keys.apiKey}`,
      `  apiSecret ${bootstrap.keys.apiSecret}`,
    ].join('\n'),
  )
}

const url = urlOf(host, listener.port)
const control = config.control
if (!control.on) say(`Control API off: ${control.reason}.`)
else if (control.from === 'SANDBOX_CONTROL_TOKEN') {
  say(`Control API: ${url}/_sandbox/ with Authorization: Bearer <SANDBOX_CONTROL_TOKEN>`)
} else {
  say(
    `Control API: ${url}/_sandbox/ with Authorization: Bearer ${control.token} (a new token each start, shown once)`,
  )
}
if (inMemory) {
  say(
    'Data is kept in memory and is gone when the sandbox stops; set DATABASE to a file to keep it.',
  )
}
let stopping = false
async function stop(signal: string) {
  if (stopping) return
  stopping = true
  await listener.close(5000)
  await core.close()
  logger.info('stopped', { signal })
  process.exit(0)
}
// Deno's node:process does not deliver signals to `process.on`; Deno's own listener does. The
// handlers are in place before the line below says the sandbox is up: a supervisor may stop it
// the moment it reads that line, and a signal with no handler yet kills Deno outright.
const onSignal =
  runtime === 'deno'
    ? (signal: 'SIGINT' | 'SIGTERM', handler: () => void) => Deno.addSignalListener(signal, handler)
    : (signal: 'SIGINT' | 'SIGTERM', handler: () => void) => process.on(signal, handler)
onSignal('SIGINT', () => void stop('SIGINT'))
onSignal('SIGTERM', () => void stop('SIGTERM'))

logger.info('listening', {
  url,
  runtime,
  driver: core.storage.driver,
  database: core.storage.location,
})
say(`Sandbox listening on ${url} (${runtime}, ${core.storage.driver}, ${core.storage.location})`)
