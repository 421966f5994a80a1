#!/usr/bin/env node
// pnpm fuzz [kit options]: the conformance kit against a fresh sandbox (in-memory database, a
// made-up bootstrap credential), e.g. `pnpm fuzz --examples 1000` or `pnpm fuzz --seed S` to
// replay a failure. SANDBOX_URL, with SANDBOX_API_KEY and SANDBOX_API_SECRET of an active
// credential, targets a sandbox that is already running instead (the Bun or Deno build in CI).
// Builds the kit and the sandbox through turbo first, so it works right after an install. The root
// `pnpm fuzz` runs it through scripts/no-telemetry.mjs, the one place telemetry is turned off.
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startSandboxProcess, stopAllProcesses } from '@solapi/devkit'

const env = process.env
const build = spawnSync(
  'turbo',
  [
    'run',
    'build',
    '--filter=@solapi/credentials-conformance',
    '--filter=@solapi/credentials-sandbox',
    '--output-logs=errors-only',
  ],
  { stdio: 'inherit', env },
)
if (build.status !== 0) process.exit(build.status ?? 1)

let target
if (env.SANDBOX_URL) {
  const { SANDBOX_URL: url, SANDBOX_API_KEY: apiKey, SANDBOX_API_SECRET: apiSecret } = env
  if (!apiKey || !apiSecret) {
    console.error('SANDBOX_URL is set: set SANDBOX_API_KEY and SANDBOX_API_SECRET too')
    process.exit(2)
  }
  target = { url, apiKey, apiSecret }
} else {
  target = await startSandboxProcess({ env: { LOG_LEVEL: 'silent' } })
}

// Ctrl-C reaches the kit too (same terminal): it deletes what it created and exits; this script
// waits for it, then stops the sandbox.
process.on('SIGINT', () => {})
process.on('SIGTERM', () => kit.kill('SIGTERM'))
const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url))
const kit = spawn(process.execPath, [bin, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...env,
    SOLAPI_BASE_URL: target.url,
    SOLAPI_API_KEY: target.apiKey,
    SOLAPI_API_SECRET: target.apiSecret,
  },
})
const code = await new Promise((resolve) => kit.on('exit', (status) => resolve(status ?? 1)))
await stopAllProcesses()
process.exit(code)
