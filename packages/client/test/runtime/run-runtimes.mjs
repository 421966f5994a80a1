#!/usr/bin/env node
// Runs the shared smoke suite on Bun, Deno and headless Chromium against one Prism mock, then
// stops Prism. (Node runs the same suite under vitest.) Exits non-zero if any runtime fails.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runBrowserSmoke } from './browser/browser.mjs'
import { freePort, startPrism } from './prism.mjs'

const packageDir = fileURLToPath(new URL('../../', import.meta.url))
const repoBin = fileURLToPath(new URL('../../../../node_modules/.bin/', import.meta.url))
const bin = (name) => (existsSync(repoBin + name) ? repoBin + name : name)

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: packageDir,
      env: { ...process.env, ...env },
      stdio: 'inherit',
    })
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
    child.once('error', (error) => {
      console.error(error)
      resolve(1)
    })
  })
}

const prism = await startPrism()
const stop = () => prism.stop().then(() => process.exit(130))
process.once('SIGINT', stop)
process.once('SIGTERM', stop)

const failures = []
try {
  const env = {
    PRISM_URL: prism.url,
    CLOSED_URL: `http://127.0.0.1:${await freePort()}`,
    NO_COLOR: '1',
    DENO_NO_UPDATE_CHECK: '1',
  }
  console.log(`\n▶ Bun smoke suite (Prism at ${prism.url})`)
  if ((await run(bin('bun'), ['test', 'test/runtime/bun'], env)) !== 0) failures.push('bun')

  console.log('\n▶ Deno smoke suite')
  const denoArgs = ['test', '-A', '--no-check', 'test/runtime/deno/deno.test.js']
  if ((await run(bin('deno'), denoArgs, env)) !== 0) failures.push('deno')

  console.log('\n▶ Chromium smoke suite')
  const { version, results } = await runBrowserSmoke(prism.url, env.CLOSED_URL)
  for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name}${r.ok ? '' : `\n${r.error}`}`)
  console.log(`Chromium ${version}: ${results.filter((r) => r.ok).length}/${results.length} passed`)
  if (results.length === 0 || results.some((r) => !r.ok)) failures.push('chromium')
} catch (error) {
  console.error(error)
  failures.push('runner')
} finally {
  await prism.stop()
}

if (failures.length) {
  console.error(`\nRuntime smoke suites failed: ${failures.join(', ')}`)
  process.exit(1)
}
console.log('\nRuntime smoke suites passed: bun, deno, chromium')
