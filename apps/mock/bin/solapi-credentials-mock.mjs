#!/usr/bin/env node
// @ts-check
// Prism mock of the SOLAPI Credentials API on the spec this package carries.
// PORT (default 4010) and HOST (default 127.0.0.1) choose where it listens.
import { bundledSpecPath, DEFAULT_HOST, DEFAULT_PORT, startMock } from '../src/start-mock.mjs'

const NAME = 'solapi-credentials-mock'

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`Usage: ${NAME}

Serves the SOLAPI Credentials API with Prism from ${bundledSpecPath}.
Environment: PORT (default ${DEFAULT_PORT}), HOST (default ${DEFAULT_HOST}).
Steer responses with the Prefer header: code=404, example=<name>, dynamic=true.`)
  process.exit(0)
}

/**
 * One line, no stack: a busy port or a bad PORT is the user's to fix, not a crash.
 * @returns {never}
 */
function fail(/** @type {string} */ message) {
  console.error(`${NAME}: ${message}`)
  process.exit(1)
}

const rawPort = process.env.PORT || String(DEFAULT_PORT)
const port = Number(rawPort)
if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535) {
  fail(`PORT must be an integer from 1 to 65535, got "${rawPort}"`)
}

/** @type {import('../src/start-mock.mjs').RunningMock} */
let mock
try {
  mock = await startMock({ port, host: process.env.HOST || DEFAULT_HOST })
} catch (error) {
  const busy = /** @type {NodeJS.ErrnoException} */ (error).code === 'EADDRINUSE'
  fail(
    `${error instanceof Error ? error.message : String(error)}${busy ? '; set PORT to choose another' : ''}`,
  )
}

let stopping = false
async function shutdown() {
  if (stopping) return
  stopping = true
  await mock.stop()
  process.exit(0)
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
void mock.exited.then(() => {
  if (!stopping) fail('Prism exited unexpectedly')
})

console.log(`SOLAPI Credentials mock (Prism) listening on ${mock.url}`)
