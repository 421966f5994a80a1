#!/usr/bin/env node
// solapi-credentials: see `--help`, and the README.
import { main } from './main.js'

const controller = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    controller.abort(new Error(`stopped by ${signal}`))
    // A run between requests (a prompt, a wait) ends at once; a rotation has recorded its steps.
    setTimeout(() => process.exit(130), 2000).unref()
  })
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  signal: controller.signal,
})
