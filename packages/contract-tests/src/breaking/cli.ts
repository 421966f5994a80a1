#!/usr/bin/env node
// check:breaking: compares spec/dist/openapi.json with the last release's baseline,
// spec/baseline/openapi.json, and exits 1 on a breaking change without a major version bump.
// Usage: node dist/breaking/cli.js [--base <file>] [--head <file>]
import { parseArgs } from 'node:util'
import { BUNDLED_SPEC_URL, loadDocument } from '../spec/openapi.js'
import { runGate } from './gate.js'

const BASELINE_URL = new URL('../../../../spec/baseline/openapi.json', import.meta.url)

const { values } = parseArgs({
  options: { base: { type: 'string' }, head: { type: 'string' } },
})

try {
  const result = runGate(
    loadDocument(values.base ?? BASELINE_URL),
    loadDocument(values.head ?? BUNDLED_SPEC_URL),
  )
  const out = result.ok ? console.log : console.error
  out(result.report)
  process.exitCode = result.ok ? 0 : 1
} catch (error) {
  console.error(`check:breaking could not run: ${(error as Error).message}`)
  process.exitCode = 2
}
