// @ts-check
// Soak, part of `pnpm bench`: does the sandbox hold up under a long run, as a test suite or a
// shared sandbox would meet it? The published client (`@solapi/credentials-client`) sends
// SOAK_REQUESTS signed getCredentialList calls, 32 in flight, spread over a few accounts, to the
// sandbox started as users start it (`node dist/bin.js`, in memory); then the same count to a bare
// `node:http` server. The server's resident memory is sampled as the run goes.
//
// Printed: the RSS curve (after warm-up, then at each quarter), its growth after warm-up, the
// growth per thousand requests, and the p50/p99 latency of each server with the ratio. Every
// signature is new, and the sandbox must remember each one for the replay window, so some growth
// is the ledger doing its job; the point is that it stays within the ledger's and the journal's
// bounds. Every call must be a 200, or the run is invalid.
import { createCredentialsClient } from '@solapi/credentials-client'
import { startSandboxProcess } from '@solapi/devkit'
import { createControlClient } from '../dist/index.js'
import { startBare } from './bare-server.mjs'
import { rssBytes } from './process-stats.mjs'
import { percentile } from './stats.mjs'

const REQUESTS = Number(process.env.BENCH_SOAK_REQUESTS ?? 200_000)
const IN_FLIGHT = 32
// Spread over enough accounts that none fills its share of the replay ledger within the replay
// window (the run is far shorter than the window): a 429 would make the run invalid.
const ACCOUNTS = 16
// The first tenth warms up the JIT, the pools and the caches; growth is measured after it.
const WARMUP_SHARE = 0.1
const SAMPLE_EVERY_MS = 200

/**
 * @typedef {{ done: number, rss: number }} Sample
 * @typedef {{ samples: Sample[], latenciesMs: number[], failures: number, firstFailure: unknown, seconds: number }} SoakRun
 */

/**
 * Sends `count` calls, IN_FLIGHT at a time, sampling the server's RSS.
 * @param {() => Promise<unknown>} call
 * @param {number | undefined} serverPid
 * @param {number} count
 * @returns {Promise<SoakRun>}
 */
async function soak(call, serverPid, count) {
  const warmup = Math.round(count * WARMUP_SHARE)
  /** @type {number[]} */
  const latenciesMs = []
  /** @type {Sample[]} */
  const samples = []
  let started = 0
  let done = 0
  let failures = 0
  /** @type {unknown} */
  let firstFailure
  const sampler = setInterval(
    () => samples.push({ done, rss: rssBytes(serverPid) }),
    SAMPLE_EVERY_MS,
  )
  const begun = performance.now()
  const worker = async () => {
    while (started < count) {
      const index = started++
      const sent = performance.now()
      try {
        await call()
        if (index >= warmup) latenciesMs.push(performance.now() - sent)
      } catch (error) {
        failures++
        firstFailure ??= error
      }
      done++
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  clearInterval(sampler)
  samples.push({ done, rss: rssBytes(serverPid) })
  return {
    samples,
    latenciesMs,
    failures,
    firstFailure,
    seconds: (performance.now() - begun) / 1000,
  }
}

/** The last sample taken at or before `done` calls. @param {Sample[]} samples @param {number} done */
function rssAt(samples, done) {
  let rss = samples[0]?.rss ?? Number.NaN
  for (const sample of samples) if (sample.done <= done) rss = sample.rss
  return rss
}

const mib = (/** @type {number} */ bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`
const ms = (/** @type {number} */ value) => `${value.toFixed(2)} ms`

/** @param {string} name @param {SoakRun} run */
function summarize(name, run) {
  const warmup = Math.round(REQUESTS * WARMUP_SHARE)
  const afterWarmup = rssAt(run.samples, warmup)
  const quarters = [0.25, 0.5, 0.75, 1].map((q) => rssAt(run.samples, Math.round(REQUESTS * q)))
  const last = quarters[3] ?? Number.NaN
  const peak = Math.max(...run.samples.map((s) => s.rss))
  const growth = last - afterWarmup
  const perThousand = growth / ((REQUESTS - warmup) / 1000)
  console.log(
    `  ${name.padEnd(8)} ${Math.round(REQUESTS / run.seconds).toLocaleString('en-US')} req/s over ${run.seconds.toFixed(0)} s; RSS after warm-up ${mib(afterWarmup)}, at 25/50/75/100% ${quarters.map(mib).join(' / ')}, peak ${mib(peak)}`,
  )
  console.log(
    `  ${''.padEnd(8)} growth after warm-up ${mib(growth)} (${(perThousand / 1024).toFixed(1)} KiB per 1,000 requests); latency p50 ${ms(percentile(run.latenciesMs, 50))}, p99 ${ms(percentile(run.latenciesMs, 99))}`,
  )
  return { p99: percentile(run.latenciesMs, 99) }
}

/** Runs the soak on the sandbox and on the bare server; false when a call failed. */
export async function runSoakBench() {
  const sandbox = await startSandboxProcess({ database: ':memory:', env: { LOG_LEVEL: undefined } })
  const control = createControlClient({ baseUrl: sandbox.url, controlToken: sandbox.controlToken })
  const accounts = await Promise.all(
    Array.from({ length: ACCOUNTS }, () => control.createAccount()),
  )
  const clients = accounts.map((account) =>
    createCredentialsClient({ ...account, baseUrl: sandbox.url, retry: false }),
  )
  let next = 0
  const listOnSandbox = () => {
    next = (next + 1) % clients.length
    return /** @type {(typeof clients)[number]} */ (clients[next]).getCredentialList()
  }
  const first = accounts[0]
  if (!first) throw new Error('no account was made')
  const bare = await startBare(
    JSON.stringify(await /** @type {(typeof clients)[number]} */ (clients[0]).getCredentialList()),
  )
  const bareClient = createCredentialsClient({ ...first, baseUrl: bare.url, retry: false })

  console.log(
    `\nSoak: ${REQUESTS.toLocaleString('en-US')} signed getCredentialList calls through @solapi/credentials-client, ${IN_FLIGHT} in flight, ${ACCOUNTS} accounts; server RSS sampled every ${SAMPLE_EVERY_MS} ms, growth measured after the first ${WARMUP_SHARE * 100}%:`,
  )
  let failures = 0
  /** @type {Record<string, { p99: number }>} */
  const figures = {}
  for (const [name, call, pid] of /** @type {const} */ ([
    ['sandbox', listOnSandbox, sandbox.process.pid],
    ['bare', () => bareClient.getCredentialList(), bare.process.pid],
  ])) {
    const run = await soak(call, pid, REQUESTS)
    if (run.failures > 0) {
      failures += run.failures
      console.error(`  ${name}: ${run.failures} failed calls, first:`, run.firstFailure)
    }
    figures[name] = summarize(name, run)
  }
  const ratio = (figures.sandbox?.p99 ?? Number.NaN) / (figures.bare?.p99 ?? Number.NaN)
  console.log(`\n  p99 sandbox / bare: ${ratio.toFixed(2)}`)
  await Promise.all([sandbox.stop(), bare.process.stop()])
  if (failures > 0) {
    console.error(`\nBench invalid: ${failures} calls did not get a 200.`)
    return false
  }
  return true
}
