// @ts-check
// Throughput, part of `pnpm bench`: what a user of the sandbox feels. The published client
// (`@solapi/credentials-client`, its built dist) calls getCredentialList with 32 requests in
// flight, against two servers started in this run:
// - the sandbox, as its own process started the way users start it (`node dist/bin.js`),
//   through the devkit like every server of the repo;
// - a bare `node:http` server answering the same JSON with no work at all (the baseline).
// The two are measured in short alternating rounds, so drift on the machine hits both; the
// result is the median ops/s of each and the median of the rounds' ratios sandbox / bare, by
// wall time and by CPU time (client + server), which other load on a shared machine moves less.
// Every request must be a real 200 (the client signs each one for real, and the sandbox checks
// it); any failure makes the run invalid (exit 1). It never fails on a number: it hands its
// floor (sandbox / bare by ops/s) to the bench's Floors block.
import { createCredentialsClient } from '@solapi/credentials-client'
import { credentialsContract } from '@solapi/credentials-spec'
import { startSandboxProcess } from '@solapi/devkit'
import { startBare } from './bare-server.mjs'
import { cpuSeconds } from './process-stats.mjs'
import { BENCH_REPLAY_LEDGER } from './replay-ledger.mjs'
import { median } from './stats.mjs'

const IN_FLIGHT = 32
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10)
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 2)
const WARMUP_SECONDS = 2
const GOAL = 0.9

// The bare server answers the spec's named example of a getCredentialList response; the
// sandbox is given the same state (the example's active key as its bootstrap credential, and a
// second, inactive one), so both bodies have the same shape and size.
const listOperation = credentialsContract.operation('getCredentialList')
const EXAMPLE =
  listOperation.responses['200']?.content['application/json']?.examples.GetCredentialListResponse
if (!EXAMPLE) throw new Error('spec: getCredentialList has no GetCredentialListResponse example')
const exampleEntries = Object.entries(
  /** @type {{ credentials: Record<string, { apiSecret: string, credentialStatus: string }> }} */ (
    EXAMPLE
  ).credentials,
)
const active = exampleEntries.find(([, c]) => c.credentialStatus === 'active')
if (!active) throw new Error('spec: the GetCredentialListResponse example has no active key')
const CREDENTIAL = { apiKey: active[0], apiSecret: active[1].apiSecret }

/** The sandbox's own entry, started the way users start it, with the environment they set. */
function startSandbox() {
  return startSandboxProcess({
    database: ':memory:',
    ...CREDENTIAL,
    env: { LOG_LEVEL: undefined, ...BENCH_REPLAY_LEDGER },
  })
}

/**
 * Completed calls with IN_FLIGHT calls always outstanding: per second of wall time, and per
 * CPU-second of the client (this process) and the server together, which other load on a shared
 * machine barely moves. Each result must be the documented list; a rejection (any non-2xx, a
 * network error) is counted as a failure.
 * @param {() => Promise<{ credentials: object }>} call
 * @param {number | undefined} serverPid
 * @param {number} seconds
 */
async function measure(call, serverPid, seconds) {
  let done = 0
  let failures = 0
  /** @type {unknown} */
  let firstFailure
  const serverCpu = cpuSeconds(serverPid)
  const clientCpu = process.cpuUsage()
  const started = performance.now()
  const end = started + seconds * 1000
  const worker = async () => {
    while (performance.now() < end) {
      try {
        const list = await call()
        if (Object.keys(list.credentials).length !== exampleEntries.length) {
          throw new Error(`expected ${exampleEntries.length} credentials in the list`)
        }
        done++
      } catch (error) {
        failures++
        firstFailure ??= error
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  const elapsed = (performance.now() - started) / 1000
  const client = process.cpuUsage(clientCpu)
  const cpu = (client.user + client.system) / 1e6 + cpuSeconds(serverPid) - serverCpu
  return { perSecond: done / elapsed, perCpuSecond: done / cpu, failures, firstFailure }
}

const fmt = (/** @type {number} */ n) => Math.round(n).toLocaleString('en-US').padStart(7)

/**
 * Runs the throughput rounds and prints them; false when a call failed (the run is invalid).
 * @param {import('./floors.mjs').Floor[]} floors where this part's floors go
 */
export async function runThroughputBench(floors) {
  const sandbox = await startSandbox()
  const bare = await startBare(JSON.stringify(EXAMPLE))
  const clientFor = (/** @type {string} */ baseUrl) =>
    createCredentialsClient({ ...CREDENTIAL, baseUrl, retry: false })
  const clients = { sandbox: clientFor(sandbox.url), bare: clientFor(bare.url) }

  // The sandbox's state mirrors the example: a second credential, inactive.
  const second = await clients.sandbox.createCredential()
  await clients.sandbox.updateCredentialStatus(second.apiKey, 'inactive')

  console.log(
    `\nThroughput: @solapi/credentials-client getCredentialList, ${IN_FLIGHT} in flight, ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s each (after ${WARMUP_SECONDS} s of warm-up each):`,
  )
  console.log(`  sandbox: node dist/bin.js, DATABASE=:memory:, default LOG_LEVEL (info)`)
  console.log(`  bare:    node:http answering the spec's GetCredentialListResponse example\n`)

  const targets = {
    sandbox: { call: () => clients.sandbox.getCredentialList(), pid: sandbox.process.pid },
    bare: { call: () => clients.bare.getCredentialList(), pid: bare.process.pid },
  }
  /** @type {Record<'sandbox' | 'bare', { perSecond: number, perCpuSecond: number }[]>} */
  const results = { sandbox: [], bare: [] }
  let failures = 0
  const run = async (/** @type {'sandbox' | 'bare'} */ name, /** @type {number} */ seconds) => {
    const result = await measure(targets[name].call, targets[name].pid, seconds)
    if (result.failures > 0) {
      failures += result.failures
      console.error(`  ${name}: ${result.failures} failed calls, first:`, result.firstFailure)
    }
    return result
  }
  const line = (
    /** @type {string} */ label,
    /** @type {{ perSecond: number, perCpuSecond: number }} */ sandbox,
    /** @type {{ perSecond: number, perCpuSecond: number }} */ bare,
    /** @type {{ perSecond: number, perCpuSecond: number }} */ ratio,
  ) =>
    `  ${label.padEnd(9)} sandbox ${fmt(sandbox.perSecond)} ops/s (${fmt(sandbox.perCpuSecond)} per CPU-s)   bare ${fmt(bare.perSecond)} ops/s (${fmt(bare.perCpuSecond)} per CPU-s)   ratio ${ratio.perSecond.toFixed(2)} (${ratio.perCpuSecond.toFixed(2)} by CPU)`

  await run('bare', WARMUP_SECONDS)
  await run('sandbox', WARMUP_SECONDS)
  /** @type {{ perSecond: number, perCpuSecond: number }[]} */
  const ratios = []
  for (let round = 0; round < ROUNDS; round++) {
    /** @type {('sandbox' | 'bare')[]} */
    const order = round % 2 === 0 ? ['bare', 'sandbox'] : ['sandbox', 'bare']
    for (const name of order) results[name].push(await run(name, ROUND_SECONDS))
    const s = results.sandbox[round]
    const b = results.bare[round]
    if (!s || !b) throw new Error('a round was not measured')
    const ratio = {
      perSecond: s.perSecond / b.perSecond,
      perCpuSecond: s.perCpuSecond / b.perCpuSecond,
    }
    ratios.push(ratio)
    console.log(line(`round ${round + 1}`, s, b, ratio))
  }
  const medians = (/** @type {{ perSecond: number, perCpuSecond: number }[]} */ rows) => ({
    perSecond: median(rows.map((r) => r.perSecond)),
    perCpuSecond: median(rows.map((r) => r.perCpuSecond)),
  })
  // Each round's two runs are neighbours in time, so their ratio is the least disturbed figure:
  // the summary ratio is the median of the rounds' ratios.
  const ratio = medians(ratios)
  console.log(line('median', medians(results.sandbox), medians(results.bare), ratio))
  const sandboxMedians = medians(results.sandbox)
  const bareMedians = medians(results.bare)
  // The floor is throughput, what a caller feels. The CPU reading is printed beside it and is
  // no floor: the bare server does no work at all, and each of the sandbox's answers needs a
  // signature check, a replay-ledger entry, a query, a journal entry and a log line.
  floors.push({
    name: `sandbox bin through the client, ${IN_FLIGHT} in flight, ops/s (ratio: the median of the rounds')`,
    value: sandboxMedians.perSecond,
    unit: 'ops/s',
    baseline: 'bare node:http, same client',
    baselineValue: bareMedians.perSecond,
    goal: `ratio >= ${GOAL}`,
    met: ratio.perSecond >= GOAL,
    ratio: ratio.perSecond,
  })
  await Promise.all([sandbox.stop(), bare.process.stop()])
  if (failures > 0) {
    console.error(`\nBench invalid: ${failures} calls did not get a 200 with the documented list.`)
    return false
  }
  return true
}
