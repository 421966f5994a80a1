#!/usr/bin/env node
// Runs the shared smoke suite on Bun, Deno and headless Chromium against one Prism mock, then
// stops Prism. (Node runs the same suite under vitest.) Then the sandbox cases, in Node and in
// Chromium on a page of its own origin, against a real sandbox. Exits non-zero if any fails.
import { fileURLToPath } from 'node:url'
import { freePort, runtimeBinary, startPrism, startProcess } from '@solapi/devkit'
import { runBrowserSmoke } from './browser/browser.mjs'
import { runSandboxCases } from './browser/sandbox.mjs'

const packageDir = fileURLToPath(new URL('../../', import.meta.url))

/** Runs a suite with its output shown as it comes; resolves with its exit code. */
async function run(command, args, env) {
  const suite = startProcess(command, args, {
    cwd: packageDir,
    env,
    onLine: (line) => console.log(line),
  })
  const { code } = await suite.exited
  return code ?? 1
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
  if ((await run(runtimeBinary('bun'), ['test', 'test/runtime/bun'], env)) !== 0) {
    failures.push('bun')
  }

  console.log('\n▶ Deno smoke suite')
  const denoArgs = ['test', '-A', '--no-check', 'test/runtime/deno/deno.test.js']
  if ((await run(runtimeBinary('deno'), denoArgs, env)) !== 0) failures.push('deno')

  console.log('\n▶ Chromium smoke suite')
  const { version, results } = await runBrowserSmoke(prism.url, env.CLOSED_URL)
  for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name}${r.ok ? '' : `\n${r.error}`}`)
  console.log(`Chromium ${version}: ${results.filter((r) => r.ok).length}/${results.length} passed`)
  if (results.length === 0 || results.some((r) => !r.ok)) failures.push('chromium')

  console.log('\n▶ Sandbox suite: Node, then Chromium on a page of its own origin')
  const sandboxRun = await runSandboxCases()
  for (const [runtime, outcomes] of [
    ['node', sandboxRun.node],
    ['chromium', sandboxRun.results],
  ]) {
    for (const r of outcomes) {
      console.log(`${r.ok ? '✓' : '✗'} ${runtime}: ${r.name}${r.ok ? '' : `\n${r.error}`}`)
    }
    if (outcomes.length === 0 || outcomes.some((r) => !r.ok)) failures.push(`sandbox (${runtime})`)
  }
  const passed = [...sandboxRun.node, ...sandboxRun.results].filter((r) => r.ok).length
  console.log(
    `Sandbox at ${sandboxRun.sandbox}, page at ${sandboxRun.page} (Chromium ${sandboxRun.version}): ` +
      `${passed}/${sandboxRun.node.length + sandboxRun.results.length} passed`,
  )
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
console.log('\nRuntime suites passed: bun, deno, chromium; the sandbox cases in node and chromium')
