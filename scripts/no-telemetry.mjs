#!/usr/bin/env node
// Runs a command with every tool's telemetry and update check off (turbo, Redocly and anything
// that honours DO_NOT_TRACK), so that the root scripts say it once and CI sends nothing out.
import { spawn } from 'node:child_process'

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('usage: node scripts/no-telemetry.mjs <command> [args...]')
  process.exit(2)
}
const child = spawn(command, args, {
  stdio: 'inherit',
  env: {
    ...process.env,
    DO_NOT_TRACK: '1',
    TURBO_TELEMETRY_DISABLED: '1',
    REDOCLY_TELEMETRY: 'off',
    REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  },
})
// A terminal's Ctrl-C reaches the child too (same process group); wait for it to finish.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {})
child.once('error', (error) => {
  console.error(`${command}: ${error.message}`)
  process.exit(1)
})
child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
