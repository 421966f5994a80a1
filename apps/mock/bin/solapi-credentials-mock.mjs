#!/usr/bin/env node
// @ts-check
// Prism mock of the SOLAPI Credentials API on the spec this package carries.
// PORT (default 4010) and HOST (default 127.0.0.1) choose where it listens.
import { portFromEnv } from '../src/env-port.mjs'
import { PortInUseError } from '../src/process-group.mjs'
import { bundledSpecPath, DEFAULT_HOST, DEFAULT_PORT, startMock } from '../src/start-mock.mjs'

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`Usage: solapi-credentials-mock

Serves the SOLAPI Credentials API with Prism from ${bundledSpecPath}.
Environment: PORT (default ${DEFAULT_PORT}), HOST (default ${DEFAULT_HOST}).
Steer responses with the Prefer header: code=404, example=<name>, dynamic=true.`)
  process.exit(0)
}

/** @type {import('../src/start-mock.mjs').RunningMock} */
let mock
try {
  mock = await startMock({
    port: portFromEnv('PORT', DEFAULT_PORT),
    host: process.env.HOST || DEFAULT_HOST,
  })
} catch (error) {
  // One line, no stack: a busy port or a bad PORT is the user's to fix, not a crash.
  const message = error instanceof Error ? error.message : String(error)
  console.error(
    error instanceof PortInUseError
      ? `solapi-credentials-${message}; set PORT to choose another`
      : `solapi-credentials-mock: ${message}`,
  )
  process.exit(1)
}

let stopping = false
// Prism runs in its own process group, so a terminal's Ctrl-C reaches only this process: stop the
// whole group, then exit cleanly.
async function shutdown() {
  if (stopping) return
  stopping = true
  await mock.stop()
  process.exit(0)
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
mock.child.once('exit', (code, signal) => {
  if (stopping) return
  console.error(`solapi-credentials-mock: Prism exited unexpectedly (${code ?? signal})`)
  process.exit(1)
})

console.log(`SOLAPI Credentials mock (Prism) listening on ${mock.url}`)
