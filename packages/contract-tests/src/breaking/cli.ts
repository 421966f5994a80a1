#!/usr/bin/env node
// check:breaking: compares spec/dist/openapi.json with the last release's baseline,
// spec/baseline/openapi.json, through `redocly diff`, and exits 1 on a breaking change without
// a major version bump (2 when the comparison cannot run).
// Usage: node dist/breaking/cli.js [--base <file>] [--head <file>]
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { runGate } from './gate.js'

const BASELINE = fileURLToPath(new URL('../../../../spec/baseline/openapi.json', import.meta.url))
const BUNDLED = createRequire(import.meta.url).resolve('@solapi/credentials-spec/openapi.json')

const { values } = parseArgs({
  options: { base: { type: 'string' }, head: { type: 'string' } },
})

try {
  const result = await runGate(values.base ?? BASELINE, values.head ?? BUNDLED)
  const out = result.ok ? console.log : console.error
  out(result.report)
  process.exitCode = result.ok ? 0 : 1
} catch (error) {
  console.error(`check:breaking could not run: ${(error as Error).message}`)
  process.exitCode = 2
}
