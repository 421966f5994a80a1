#!/usr/bin/env node
// After tsc: rewrites dist/bin.js, the sandbox's command, as one ES module with what it imports
// (Hono, the spec and its generated validators, the sandbox itself) and its lazily loaded parts
// (the Bun listener, each SQLite driver, the PostgreSQL store) as chunks in dist/chunks/ that it
// still loads only when it needs them. Node spends a process's start resolving, reading and
// compiling modules one file at a time; one file is what brings the bin under its floor
// (bench/startup.mjs: spawn to first answer). The library (dist/index.js) stays as tsc wrote it,
// importing its dependencies, so that consumers share one copy of each.
import { build } from 'esbuild'

const dist = new URL('../dist/', import.meta.url).pathname

await build({
  entryPoints: [`${dist}bin.js`],
  outdir: dist,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  // Native or runtime-provided, and loaded only where the configuration picks them.
  external: ['better-sqlite3', 'pg', 'bun:sqlite'],
  logLevel: 'warning',
})
