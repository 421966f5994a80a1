#!/usr/bin/env node
// @ts-check
// `pnpm bench`: the sandbox's start-up and reset against Prism's start (startup.mjs), its
// throughput through the published client against a bare node:http server (throughput.mjs), then
// the same sandbox on SQLite, on PostgreSQL, and as two instances on PostgreSQL (stores.mjs).
// Figures are printed beside their goals; only a failed call makes the run invalid (exit 1).
import { availableParallelism, loadavg } from 'node:os'
import { stopAllProcesses } from '@solapi/devkit'
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
try {
  await runStartupBench()
  if (!(await runThroughputBench())) process.exitCode = 1
  if (!(await runStoresBench())) process.exitCode = 1
} finally {
  await stopAllProcesses()
}
