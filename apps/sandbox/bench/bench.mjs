#!/usr/bin/env node
// @ts-check
// `pnpm bench`: the sandbox's start-up and reset against Prism's start (startup.mjs), its
// throughput through the published client against a bare node:http server (throughput.mjs), then
// the same sandbox on SQLite, on PostgreSQL, and as two instances on PostgreSQL (stores.mjs),
// and, when named, a long run's memory and latency against the same bare server (soak.mjs).
// `node bench/bench.mjs soak` (or startup, throughput, stores) runs only the parts named; with no
// name it runs all but the soak, which takes minutes. The floors the sandbox is held to end the
// run as one block (floors.mjs); only a failed call makes the run invalid (exit 1).
import { availableParallelism, loadavg } from 'node:os'
import { stopAllProcesses } from '@solapi/devkit'
import { printFloors } from './floors.mjs'
import { runSoakBench } from './soak.mjs'
import { runStartupBench } from './startup.mjs'
import { runStoresBench } from './stores.mjs'
import { runThroughputBench } from './throughput.mjs'

// The devkit runs each server in its own process group and kills them when this process exits;
// Ctrl-C ends this process without an exit event, so it stops them first.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    void stopAllProcesses().finally(() => process.exit(130))
  })
}

console.log(
  `Node ${process.version}, ${availableParallelism()} CPUs, load ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
)
/** @type {import('./floors.mjs').Floor[]} */
const floors = []
/** Each part resolves false when a call failed, which makes the run invalid. */
const parts = {
  startup: async () => {
    await runStartupBench(floors)
    return true
  },
  throughput: () => runThroughputBench(floors),
  stores: runStoresBench,
  soak: runSoakBench,
}
/** The parts a run with no names runs. */
const DEFAULT_PARTS = ['startup', 'throughput', 'stores']
const args = process.argv.slice(2)
const named = args.length > 0 ? args : DEFAULT_PARTS
const unknown = named.filter((name) => !(name in parts))
if (unknown.length > 0) {
  console.error(
    `Unknown bench part: ${unknown.join(', ')}. Parts: ${Object.keys(parts).join(', ')}`,
  )
  process.exit(2)
}
try {
  for (const [name, run] of Object.entries(parts)) {
    if (!named.includes(name)) continue
    if (!(await run())) process.exitCode = 1
  }
  printFloors(floors)
} finally {
  await stopAllProcesses()
}
