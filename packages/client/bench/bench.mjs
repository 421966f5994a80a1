#!/usr/bin/env node
// `pnpm bench`: what a user of the published client feels. The built package (imported by its
// name, as users import it) calls getCredentialList on a bare node:http server in this process,
// 32 requests in flight; the baseline is a plain `fetch` signing the same header with
// node:crypto, on the same server. Rounds of the two alternate so drift hits both. Then the size
// a bundler ships. turbo's bench task builds first. Not a test: it prints numbers, never fails on
// one; it ends with its floor (issue 18: the client at 0.9 of the raw fetch or better) as one
// Floors block. `--quick` (or BENCH_QUICK=1) runs short rounds.
import { createHmac, randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { createCredentialsClient } from '@solapi/credentials-client'
import { credentialsContract } from '@solapi/credentials-spec'
import { build } from 'esbuild'

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
async function rawFetch() {
  const date = new Date().toISOString()
  const salt = Array.from(randomBytes(32), (b) => SALT_ALPHABET[b & 63]).join('')
  const signature = createHmac('sha256', apiSecret)
    .update(date + salt)
    .digest('hex')
  const response = await fetch(baseUrl + PATH, {
    method: 'POST',
    headers: {
      Authorization: `HMAC-SHA256 apiKey=${apiKey}, date=${date}, salt=${salt}, signature=${signature}`,
      'Content-Type': 'application/json',
    },
    body: '{}',
  })
  if (!response.ok) throw new Error(`raw fetch: ${response.status}`)
  return response.json()
}
const viaClient = () => client.getCredentialList()

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

// Warm both paths (JIT, keep-alive connections) before anything counts.
await measure(viaClient, ROUND_MS)
await measure(rawFetch, ROUND_MS)

const runs = { client: [], raw: [] }
for (let round = 0; round < ROUNDS; round++) {
  // Swap which goes first every round, so neither always runs on a warmer or cooler machine.
  const order = round % 2 === 0 ? ['client', 'raw'] : ['raw', 'client']
  const got = {}
  for (const side of order) {
    got[side] = await measure(side === 'client' ? viaClient : rawFetch, ROUND_MS)
    runs[side].push(got[side])
  }
  console.log(
    `  round ${round + 1}: client ${fmt(got.client.cpu)}  raw ${fmt(got.raw.cpu)} ops/CPU-s ` +
      `(${(got.client.cpu / got.raw.cpu).toFixed(2)}x);  wall: client ${fmt(got.client.wall)}  ` +
      `raw ${fmt(got.raw.wall)} ops/s`,
  )
}

const summary = (key) => {
  const client = median(runs.client.map((r) => r[key]))
  const raw = median(runs.raw.map((r) => r[key]))
  return { client, raw, ratio: median(runs.client.map((r, i) => r[key] / runs.raw[i][key])) }
}
const cpu = summary('cpu')
const wall = summary('wall')
const label = (text) => text.padEnd(44)
console.log('\nMedians over the rounds; ratio = median of the per-round ratios client/raw')
console.log(
  `${label('client.getCredentialList()')} ${fmt(cpu.client)} ops/CPU-s ${fmt(wall.client)} ops/s`,
)
console.log(
  `${label('fetch + node:crypto signing (baseline)')} ${fmt(cpu.raw)} ops/CPU-s ${fmt(wall.raw)} ops/s`,
)
console.log(
  `${label('ratio client/raw')} ${cpu.ratio.toFixed(2).padStart(8)}x CPU   ${wall.ratio.toFixed(2).padStart(6)}x wall`,
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
    `    ${`${fmt(figures.client).trim()} ${unit}`.padEnd(16)} baseline ${fmt(figures.raw).trim()} ${unit} (fetch + node:crypto signing)` +
      `   ratio ${figures.ratio.toFixed(2)}   goal ratio >= ${GOAL}   ${figures.ratio >= GOAL ? 'met' : 'NOT met'}`,
  )
}
