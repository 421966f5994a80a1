// @ts-check
// Stores, part of `pnpm bench`: the same sandbox on its two stores, in the same run, through the
// published client (`@solapi/credentials-client`, its built dist) with 32 requests in flight:
// - sqlite: one instance on a SQLite file (WAL, synchronous=FULL: every write is fsynced);
// - postgresql: one instance on PostgreSQL;
// - postgresql x2: two instances on that one database, the client spreading its requests over
//   both URLs, as a load balancer would.
// PostgreSQL is a throwaway cluster with its default durability (fsync on), so both stores make
// each acknowledged write durable. Two operations: getCredentialList (a read, but on PostgreSQL
// each request also records its signature in the shared replay ledger) and createCredential (a
// write). Short rounds alternate the order of the stores so that drift on the machine hits all;
// the summary is the median of the rounds' ops/s and p99 latency, and the median of the rounds'
// ratios to the SQLite instance. Every call must succeed, or the run is invalid.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCredentialsClient } from '@solapi/credentials-client'
import {
  createDatabase,
  randomControlToken,
  randomCredential,
  startPostgres,
  startSandboxProcess,
} from '@solapi/devkit'
import { createControlClient } from '../dist/index.js'
import { BENCH_REPLAY_LEDGER } from './replay-ledger.mjs'
import { median, percentile } from './stats.mjs'

const IN_FLIGHT = 32
const ROUNDS = Number(process.env.BENCH_STORE_ROUNDS ?? 5)
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 2)
const WARMUP_SECONDS = 1
const OPERATIONS = /** @type {const} */ (['getCredentialList', 'createCredential'])

/** @typedef {(typeof OPERATIONS)[number]} Operation */
/** @typedef {{ perSecond: number, p99Ms: number }} Figures */

/**
 * Completed calls per second with IN_FLIGHT calls always outstanding, and their p99 latency.
 * @param {() => Promise<unknown>} call
 * @param {number} seconds
 */
async function measure(call, seconds) {
  /** @type {number[]} */
  const latencies = []
  let failures = 0
  /** @type {unknown} */
  let firstFailure
  const started = performance.now()
  const end = started + seconds * 1000
  const worker = async () => {
    while (performance.now() < end) {
      const sent = performance.now()
      try {
        await call()
        latencies.push(performance.now() - sent)
      } catch (error) {
        failures++
        firstFailure ??= error
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  const elapsed = (performance.now() - started) / 1000
  return {
    perSecond: latencies.length / elapsed,
    p99Ms: percentile(latencies, 99),
    failures,
    firstFailure,
  }
}

/**
 * Sandbox instances on one database, with a client per instance for the bootstrap account
 * (reads) and for an account of its own (writes, so that the list read stays two keys long).
 * @param {string} name
 * @param {string} database
 * @param {number} count
 * @param {{ apiKey: string, apiSecret: string, controlToken: string, masterKey: string }} shared
 */
async function startTarget(name, database, count, shared) {
  const instances = []
  // One after the other: the first migrates and bootstraps, the others find it done.
  for (let i = 0; i < count; i++) {
    instances.push(
      await startSandboxProcess({
        database,
        apiKey: shared.apiKey,
        apiSecret: shared.apiSecret,
        controlToken: shared.controlToken,
        env: {
          SANDBOX_MASTER_KEY: shared.masterKey,
          LOG_LEVEL: undefined,
          // The writers' account gets thousands of keys a round: past the default cap, every
          // create would measure a 409.
          SANDBOX_MAX_CREDENTIALS_PER_ACCOUNT: '1000000',
          // PostgreSQL keeps the ledger in a table, which the sandbox refuses to size.
          ...(database.startsWith('postgres') ? {} : BENCH_REPLAY_LEDGER),
        },
      }),
    )
  }
  const first = instances[0]
  if (!first) throw new Error('no instance')
  const control = createControlClient({ baseUrl: first.url, controlToken: shared.controlToken })
  const writer = await control.createAccount()
  const clientsOf = (/** @type {{ apiKey: string, apiSecret: string }} */ credential) =>
    instances.map((instance) =>
      createCredentialsClient({ ...credential, baseUrl: instance.url, retry: false }),
    )
  const readers = clientsOf(shared)
  const writers = clientsOf(writer)
  // Two keys to list, as in the throughput part: the bootstrap and an inactive one.
  const second = await readers[0]?.createCredential()
  if (second) await readers[0]?.updateCredentialStatus(second.apiKey, 'inactive')
  let next = 0
  const pick = (/** @type {typeof readers} */ clients) => {
    next = (next + 1) % clients.length
    return /** @type {(typeof readers)[number]} */ (clients[next])
  }
  /** @type {Record<Operation, () => Promise<unknown>>} */
  const calls = {
    getCredentialList: () => pick(readers).getCredentialList(),
    createCredential: () => pick(writers).createCredential(),
  }
  return { name, instances, calls, stop: () => Promise.all(instances.map((i) => i.stop())) }
}

const fmt = (/** @type {number} */ n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

/** Runs the store rounds and prints them; false when a call failed (the run is invalid). */
export async function runStoresBench() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-stores-'))
  const postgres = await startPostgres({ durable: true })
  const shared = {
    ...randomCredential(),
    controlToken: randomControlToken(),
    masterKey: randomBytes(32).toString('hex'),
  }
  /** @type {Awaited<ReturnType<typeof startTarget>>[]} */
  const targets = []
  let failures = 0
  try {
    targets.push(await startTarget('sqlite', join(dir, 'bench.db'), 1, shared))
    targets.push(await startTarget('postgresql', await createDatabase(postgres.url), 1, shared))
    targets.push(await startTarget('postgresql x2', await createDatabase(postgres.url), 2, shared))

    console.log(
      `\nStores: @solapi/credentials-client, ${IN_FLIGHT} in flight, ${ROUNDS} rounds of ${ROUND_SECONDS} s per operation and store, the order of the stores alternating:`,
    )
    console.log('  sqlite:        one instance, DATABASE=<a file> (WAL, synchronous=FULL)')
    console.log('  postgresql:    one instance, DATABASE_URL=postgres://... (fsync on)')
    console.log('  postgresql x2: two instances on that one database, requests spread over both\n')

    for (const operation of OPERATIONS) {
      for (const target of targets) await measure(target.calls[operation], WARMUP_SECONDS)
      /** @type {Record<string, Figures[]>} */
      const rounds = Object.fromEntries(targets.map((t) => [t.name, []]))
      /** @type {Record<string, Figures[]>} */
      const ratios = Object.fromEntries(targets.map((t) => [t.name, []]))
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? targets : [...targets].reverse()
        /** @type {Record<string, Figures>} */
        const measured = {}
        for (const target of order) {
          const result = await measure(target.calls[operation], ROUND_SECONDS)
          if (result.failures > 0) {
            failures += result.failures
            console.error(
              `  ${target.name}: ${result.failures} failed, first:`,
              result.firstFailure,
            )
          }
          measured[target.name] = result
          rounds[target.name]?.push(result)
        }
        const base = measured.sqlite
        if (!base) throw new Error('the SQLite instance was not measured')
        for (const target of targets) {
          const figures = /** @type {Figures} */ (measured[target.name])
          ratios[target.name]?.push({
            perSecond: figures.perSecond / base.perSecond,
            p99Ms: figures.p99Ms / base.p99Ms,
          })
        }
      }
      console.log(`  ${operation} (median of ${ROUNDS} rounds; ratio to sqlite in the same rounds)`)
      for (const target of targets) {
        const own = rounds[target.name] ?? []
        const ratio = ratios[target.name] ?? []
        const perSecond = median(own.map((r) => r.perSecond))
        const p99 = median(own.map((r) => r.p99Ms))
        const perSecondRatio = median(ratio.map((r) => r.perSecond))
        const p99Ratio = median(ratio.map((r) => r.p99Ms))
        console.log(
          `    ${target.name.padEnd(14)} ${fmt(perSecond).padStart(6)} ops/s (x${fmt(perSecondRatio, 2)})   p99 ${fmt(p99, 1).padStart(6)} ms (x${fmt(p99Ratio, 2)})`,
        )
      }
    }
  } finally {
    await Promise.all(targets.map((target) => target.stop()))
    await postgres.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  if (failures > 0) {
    console.error(`\nBench invalid: ${failures} calls failed.`)
    return false
  }
  return true
}
