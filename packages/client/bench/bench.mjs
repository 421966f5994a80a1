#!/usr/bin/env node
// `pnpm bench`: what a user of the published client feels. The built package (imported by its
// name, as users import it) calls getCredentialList on a bare node:http server in this process,
// 32 requests in flight; the baseline is a plain `fetch` signing the same header with
// node:crypto, on the same server. Rounds of the two alternate so drift hits both. Then the size
// a bundler ships. turbo's bench task builds first. Not a test: it prints numbers, never fails on
// one; it ends with its floor (issue 18: the client at 0.9 of the raw fetch or better) as one
// Floors block. A third side, openapi-fetch alone (the library the client sends through, no
// middleware, the same node:crypto header as the baseline), shows in the same rounds how much of
// the gap is the library's before the client adds anything. `--quick` (or BENCH_QUICK=1) runs
// short rounds.
import { createHmac, randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { createCredentialsClient } from '@solapi/credentials-client'
import { credentialsContract } from '@solapi/credentials-spec'
import { build } from 'esbuild'
import createClient from 'openapi-fetch'

const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1'
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? (QUICK ? 300 : 1000))
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 3 : 9))
const IN_FLIGHT = 32
const GOAL = 0.9
const { apiKey, apiSecret } = credentialsContract.signing.workedExample
const PATH = '/credentials/getCredentialList'

// The 200 body the spec documents for getCredentialList, by its example's name.
const listOk =
  credentialsContract.operation('getCredentialList').responses['200'].content['application/json']
    .examples.GetCredentialListResponse
const BODY = JSON.stringify(listOk)

const server = createServer((request, response) => {
  request.resume()
  request.once('end', () => {
    response.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(BODY),
    })
    response.end(BODY)
  })
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const baseUrl = `http://127.0.0.1:${server.address().port}`

const client = createCredentialsClient({ apiKey, apiSecret, baseUrl })

// What a careful user writes without the client: a fresh date and salt per request, the header
// the spec's headerFormat describes, the body parsed, a non-2xx treated as a failure.
const SALT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
function signedHeader() {
  const date = new Date().toISOString()
  const salt = Array.from(randomBytes(32), (b) => SALT_ALPHABET[b & 63]).join('')
  const signature = createHmac('sha256', apiSecret)
    .update(date + salt)
    .digest('hex')
  return `HMAC-SHA256 apiKey=${apiKey}, date=${date}, salt=${salt}, signature=${signature}`
}
async function rawFetch() {
  const response = await fetch(baseUrl + PATH, {
    method: 'POST',
    headers: { Authorization: signedHeader(), 'Content-Type': 'application/json' },
    body: '{}',
  })
  if (!response.ok) throw new Error(`raw fetch: ${response.status}`)
  return response.json()
}
const viaClient = () => client.getCredentialList()

// openapi-fetch as its README shows it, the header signed as above: it builds a Request, which
// fetch then builds again, and that is most of what separates it from the raw fetch.
const openapiFetch = createClient({ baseUrl })
async function viaOpenapiFetch() {
  const { data, response } = await openapiFetch.POST(PATH, {
    body: {},
    headers: { Authorization: signedHeader() },
  })
  if (!response.ok) throw new Error(`openapi-fetch: ${response.status}`)
  return data
}
const SIDES = { client: viaClient, 'openapi-fetch': viaOpenapiFetch, raw: rawFetch }

/**
 * Completed calls per second, IN_FLIGHT callers each calling back to back for `ms` of wall time.
 * Two rates: per second of wall time, and per second of this process's CPU time (user + system;
 * server, client and loopback all run here). The CPU rate is what the ratio uses: on a shared
 * machine other processes steal wall time from one round and not the next, never CPU time.
 */
async function measure(call, ms) {
  let ops = 0
  const cpu = process.cpuUsage()
  const start = performance.now()
  const end = start + ms
  const worker = async () => {
    while (performance.now() < end) {
      const body = await call()
      if (typeof body.credentials !== 'object') throw new Error('unexpected body')
      ops++
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  const wallMs = performance.now() - start
  const used = process.cpuUsage(cpu)
  const cpuMs = (used.user + used.system) / 1000
  return { cpu: (ops * 1000) / cpuMs, wall: (ops * 1000) / wallMs }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const fmt = (n) => Math.round(n).toLocaleString('en-US').padStart(8)

console.log(
  `Node ${process.version}; getCredentialList on node:http at ${baseUrl}, ${IN_FLIGHT} in flight, ` +
    `${ROUNDS} alternating rounds of ${ROUND_MS} ms each${QUICK ? ' (quick)' : ''}\n`,
)

// Warm every path (JIT, keep-alive connections) before anything counts.
for (const call of Object.values(SIDES)) await measure(call, ROUND_MS)

const names = Object.keys(SIDES)
const runs = Object.fromEntries(names.map((name) => [name, []]))
for (let round = 0; round < ROUNDS; round++) {
  // Rotate which goes first every round, so none always runs on a warmer or cooler machine.
  const order = names.map((_, i) => names[(i + round) % names.length])
  const got = {}
  for (const side of order) {
    got[side] = await measure(SIDES[side], ROUND_MS)
    runs[side].push(got[side])
  }
  const ofRaw = (side) => `(${(got[side].cpu / got.raw.cpu).toFixed(2)}x)`
  console.log(
    `  round ${round + 1}: ops/CPU-s client ${fmt(got.client.cpu)} ${ofRaw('client')}  ` +
      `openapi-fetch ${fmt(got['openapi-fetch'].cpu)} ${ofRaw('openapi-fetch')}  raw ${fmt(got.raw.cpu)};  ` +
      `wall ops/s: client ${fmt(got.client.wall)}  raw ${fmt(got.raw.wall)}`,
  )
}

/** Medians of a side and of its per-round ratio to the raw fetch, by `key` (cpu or wall). */
const summary = (side, key) => ({
  value: median(runs[side].map((r) => r[key])),
  raw: median(runs.raw.map((r) => r[key])),
  ratio: median(runs[side].map((r, i) => r[key] / runs.raw[i][key])),
})
const cpu = summary('client', 'cpu')
const wall = summary('client', 'wall')
const library = { cpu: summary('openapi-fetch', 'cpu'), wall: summary('openapi-fetch', 'wall') }
const label = (text) => text.padEnd(44)
console.log('\nMedians over the rounds; ratio = median of the per-round ratios to the raw fetch')
console.log(
  `${label('client.getCredentialList()')} ${fmt(cpu.value)} ops/CPU-s ${fmt(wall.value)} ops/s`,
)
console.log(
  `${label('openapi-fetch alone, same signed header')} ${fmt(library.cpu.value)} ops/CPU-s ${fmt(library.wall.value)} ops/s`,
)
console.log(
  `${label('fetch + node:crypto signing (baseline)')} ${fmt(cpu.raw)} ops/CPU-s ${fmt(wall.raw)} ops/s`,
)
console.log(
  `${label('ratio client/raw')} ${cpu.ratio.toFixed(2).padStart(8)}x CPU   ${wall.ratio.toFixed(2).padStart(6)}x wall`,
)
console.log(
  `${label('ratio openapi-fetch alone/raw')} ${library.cpu.ratio.toFixed(2).padStart(8)}x CPU   ${library.wall.ratio.toFixed(2).padStart(6)}x wall`,
)

await new Promise((resolve) => server.close(resolve))

console.log('\nSize: everything the client pulls in, esbuild --bundle --minify, then gzip -9')
async function minGzip(contents) {
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0].contents
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length }
}
const kb = (n) => `${(n / 1024).toFixed(2)} kB`
const whole = await minGzip("export * from '@solapi/credentials-client'")
const fetchOnly = await minGzip("export { default } from 'openapi-fetch'")
const line = (name, min, gzip) =>
  console.log(`${name.padEnd(42)} ${kb(min).padStart(9)} min  ${kb(gzip).padStart(8)} min+gzip`)
line('@solapi/credentials-client (all exports)', whole.min, whole.gzip)
line('openapi-fetch alone', fetchOnly.min, fetchOnly.gzip)
line('added by signing, retries, errors', whole.min - fetchOnly.min, whole.gzip - fetchOnly.gzip)

// The floor, by CPU (what the rounds' ratio is judged on: other load on a shared machine steals
// wall time from one round and not the next) and by wall time, beside its baseline in this run.
const floors = [
  ['ops per CPU-second of this process', cpu, 'ops/CPU-s'],
  ['ops per second of wall time', wall, 'ops/s'],
]
console.log("\nFloors (measured; baseline in this run; ratio: the median of the rounds'; goal):")
for (const [name, figures, unit] of floors) {
  console.log(`  client.getCredentialList(), ${IN_FLIGHT} in flight, ${name}`)
  console.log(
    `    ${`${fmt(figures.value).trim()} ${unit}`.padEnd(16)} baseline ${fmt(figures.raw).trim()} ${unit} (fetch + node:crypto signing)` +
      `   ratio ${figures.ratio.toFixed(2)}   goal ratio >= ${GOAL}   ${figures.ratio >= GOAL ? 'met' : 'NOT met'}`,
  )
}
