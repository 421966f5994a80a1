#!/usr/bin/env node
// Records the current bundle as the last release's spec: the breaking-change gate compares
// spec/dist/openapi.json against spec/baseline/openapi.json. Run it when a release is cut
// (see CONTRIBUTING.md), never to silence the gate.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const specDir = fileURLToPath(new URL('..', import.meta.url))
const bundle = JSON.parse(readFileSync(`${specDir}dist/openapi.json`, 'utf8'))
const target = `${specDir}baseline/openapi.json`
mkdirSync(`${specDir}baseline`, { recursive: true })
writeFileSync(target, `${JSON.stringify(bundle, null, 2)}\n`)
// The repo formats JSON with Biome; keep the baseline in that shape so `biome check` passes.
execFileSync('biome', ['format', '--write', target], { cwd: specDir, stdio: 'inherit' })
console.log(`Baseline set to spec info.version ${bundle.info.version}: spec/baseline/openapi.json`)
