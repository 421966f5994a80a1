#!/usr/bin/env node
// After `changeset version` bumps package.json versions, carries them to the two places that
// repeat them: the client's jsr.json, and the spec's `info.version` (which the breaking-change
// gate reads), then re-bundles the spec so spec/dist follows.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'))

const client = readJson('packages/client/package.json')
const jsr = readJson('packages/client/jsr.json')
if (jsr.version !== client.version) {
  jsr.version = client.version
  writeFileSync('packages/client/jsr.json', `${JSON.stringify(jsr, null, 2)}\n`)
  console.log(`packages/client/jsr.json → ${client.version}`)
}

const spec = readJson('spec/package.json')
const openapi = readFileSync('spec/openapi.yaml', 'utf8')
// `info.version` is the first two-space-indented `version:` of the document (inside `info:`).
const synced = openapi.replace(/^(info:\n(?: {2}.*\n)*? {2}version: ).*$/m, `$1${spec.version}`)
if (synced !== openapi) {
  writeFileSync('spec/openapi.yaml', synced)
  execFileSync('pnpm', ['generate'], { stdio: 'inherit' })
  console.log(`spec/openapi.yaml info.version → ${spec.version}`)
}
