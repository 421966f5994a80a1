#!/usr/bin/env node
// pnpm fuzz [--examples N] [--seed S]: the property-based suite against the sandbox with more
// examples per property than the test command's 200 (e.g. --examples 1000), or a fixed seed
// to replay a failure that fast-check reported. Builds what the suite runs (the client and the
// sandbox) through turbo first, so it works from a fresh install.
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: { examples: { type: 'string' }, seed: { type: 'string' } },
  allowPositionals: false,
})
const env = {
  ...process.env,
  DO_NOT_TRACK: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
}
if (values.examples !== undefined) env.FUZZ_EXAMPLES = values.examples
if (values.seed !== undefined) env.FUZZ_SEED = values.seed

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1

if (
  run('turbo', ['run', 'build', '--filter=@solapi/contract-tests', '--output-logs=errors-only']) !==
  0
) {
  process.exit(1)
}
const started = performance.now()
const status = run('vitest', ['run', '--project', 'sandbox'])
const seconds = ((performance.now() - started) / 1000).toFixed(1)
console.log(`fuzz: ${env.FUZZ_EXAMPLES ?? 200} examples per property, ${seconds} s`)
process.exit(status)
