#!/usr/bin/env node
// pnpm fuzz [--examples N] [--seed S]: the property-based suite against the sandbox with more
// examples per property than the test command's 200 (e.g. --examples 1000), or a fixed seed
// to replay a failure that fast-check reported.
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: { examples: { type: 'string' }, seed: { type: 'string' } },
  allowPositionals: false,
})
const env = { ...process.env }
if (values.examples !== undefined) env.FUZZ_EXAMPLES = values.examples
if (values.seed !== undefined) env.FUZZ_SEED = values.seed

const started = performance.now()
const run = spawnSync('vitest', ['run', '--project', 'sandbox'], {
  stdio: 'inherit',
  env,
  shell: false,
})
const seconds = ((performance.now() - started) / 1000).toFixed(1)
console.log(`fuzz: ${env.FUZZ_EXAMPLES ?? 200} examples per property, ${seconds} s`)
process.exit(run.status ?? 1)
