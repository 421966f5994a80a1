#!/usr/bin/env node
// @ts-check
// The breaking-change gate: compares dist/openapi.json with the last release's bundle,
// baseline/openapi.json, through `redocly diff`, and exits 1 on a breaking change without a
// major version bump (2 when the comparison cannot run).
// Usage: node scripts/check-breaking.mjs [--base <file>] [--head <file>]
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { runGate } from './breaking/gate.mjs'

const BASELINE = fileURLToPath(new URL('../baseline/openapi.json', import.meta.url))
const BUNDLED = fileURLToPath(new URL('../dist/openapi.json', import.meta.url))

const { values } = parseArgs({
  options: { base: { type: 'string' }, head: { type: 'string' } },
})

try {
  const result = await runGate(values.base ?? BASELINE, values.head ?? BUNDLED)
  const out = result.ok ? console.log : console.error
  out(result.report)
  process.exitCode = result.ok ? 0 : 1
} catch (error) {
  console.error(`check:breaking could not run: ${/** @type {Error} */ (error).message}`)
  process.exitCode = 2
}
