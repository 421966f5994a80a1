#!/usr/bin/env node
// `pnpm bench`: one run, ratios against baselines measured in the same process. Runs on the
// built package (dist/); turbo's bench task depends on build. Not a test: it never fails on a
// number, it prints them with the goals beside them.
import { createHmac, randomBytes, webcrypto } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import CryptoJS from 'crypto-js'
import { build } from 'esbuild'
import createClient from 'openapi-fetch'
import { createCredentialsClient } from '../dist/index.js'
import { createSigner } from '../dist/signing/create-signer.js'
import { createHmacHex } from '../dist/signing/hmac-hex.js'

const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 300)
const ROUNDS = 3
const SECRET = 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B'
const DATE = '2026-11-26T08:43:33.123Z'
const SALT = 'Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4'
const MESSAGE = DATE + SALT
const SALT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

let sink // keeps results alive so nothing is optimised away

/**
 * Operations per CPU-second of this process (user + system time, not wall time, so that other
 * work on the machine does not skew one side): the best of ROUNDS rounds of ROUND_MS CPU-ms.
 */
async function opsPerSecond(fn) {
  const isAsync = fn() instanceof Promise
  for (let i = 0; i < 1000; i++) sink = isAsync ? await fn() : fn() // warm up
  let best = 0
  for (let round = 0; round < ROUNDS; round++) {
    let ops = 0
    const start = process.cpuUsage()
    let elapsed = 0
    while (elapsed < ROUND_MS) {
      for (let i = 0; i < 100; i++) sink = isAsync ? await fn() : fn()
      ops += 100
      const used = process.cpuUsage(start)
      elapsed = (used.user + used.system) / 1000
    }
    best = Math.max(best, (ops * 1000) / elapsed)
  }
  return best
}

/** Measures ours and the baseline alternately (A B A B ...) so drift hits both. */
async function compare(ours, baseline) {
  const a = []
  const b = []
  for (let i = 0; i < 2; i++) {
    a.push(await opsPerSecond(ours))
    b.push(await opsPerSecond(baseline))
  }
  return { ours: Math.max(...a), baseline: Math.max(...b) }
}

const rows = []
function report(name, { ours, baseline }, baselineName, goal) {
  const ratio = ours / baseline
  rows.push({ name, ours, baseline, baselineName, ratio, goal })
  const fmt = (n) => Math.round(n).toLocaleString('en-US').padStart(11)
  console.log(
    `${name.padEnd(44)} ours ${fmt(ours)} ops/s  ${baselineName.padEnd(26)} ${fmt(baseline)} ops/s  ratio ${ratio.toFixed(2)}${goal ? `  (${goal})` : ''}`,
  )
}

console.log(
  `Node ${process.version}; ops per CPU-second, best of ${ROUNDS}x${ROUND_MS} ms rounds over two A/B alternations\n`,
)
console.log(
  'Signing (ratio = our ops/s / baseline ops/s; goal: cost <= 2x node:crypto, i.e. ratio >= 0.5)',
)

const sha = createHmacHex('HMAC-SHA256', SECRET)
const md5 = createHmacHex('HMAC-MD5', SECRET)
report(
  'HMAC-SHA256 hex, key prepared once',
  await compare(
    () => sha(MESSAGE),
    () => createHmac('sha256', SECRET).update(MESSAGE).digest('hex'),
  ),
  'node:crypto createHmac',
  'goal >= 0.5',
)
report(
  'HMAC-MD5 hex, key prepared once',
  await compare(
    () => md5(MESSAGE),
    () => createHmac('md5', SECRET).update(MESSAGE).digest('hex'),
  ),
  'node:crypto createHmac',
  'goal >= 0.5',
)

const sign = createSigner({ apiKey: 'NCSOGH0TB3PDIGV1', apiSecret: SECRET })
report(
  'full header: new date + random salt + HMAC',
  await compare(
    () => sign(),
    () => {
      const date = new Date().toISOString()
      const salt = Array.from(randomBytes(32), (b) => SALT_ALPHABET[b & 63]).join('')
      const signature = createHmac('sha256', SECRET)
        .update(date + salt)
        .digest('hex')
      return `HMAC-SHA256 apiKey=NCSOGH0TB3PDIGV1, date=${date}, salt=${salt}, signature=${signature}`
    },
  ),
  'same with node:crypto',
  'goal >= 0.5',
)
report(
  'HMAC-SHA256 hex',
  await compare(
    () => sha(MESSAGE),
    () => CryptoJS.HmacSHA256(MESSAGE, SECRET).toString(),
  ),
  'crypto-js HmacSHA256',
  'incumbent SDK; > 1 is faster',
)
const encoder = new TextEncoder()
const subtleKey = await webcrypto.subtle.importKey(
  'raw',
  encoder.encode(SECRET),
  { name: 'HMAC', hash: 'SHA-256' },
  false,
  ['sign'],
)
report(
  'HMAC-SHA256 hex',
  await compare(
    () => sha(MESSAGE),
    async () =>
      Buffer.from(await webcrypto.subtle.sign('HMAC', subtleKey, encoder.encode(MESSAGE))).toString(
        'hex',
      ),
  ),
  'crypto.subtle (key imported)',
  'the rejected option; async',
)

console.log(
  '\nClient overhead with a stubbed fetch (ratio = our ops/s / bare openapi-fetch; goal >= 0.5)',
)
const LIST = JSON.stringify({ credentials: {} })
const stub = async () =>
  new Response(LIST, { status: 200, headers: { 'Content-Type': 'application/json' } })
const baseUrl = 'http://127.0.0.1:9'
const ours = createCredentialsClient({
  apiKey: 'NCSOGH0TB3PDIGV1',
  apiSecret: SECRET,
  baseUrl,
  fetch: stub,
})
const bare = createClient({ baseUrl, fetch: stub })
report(
  'getCredentialList() end to end',
  await compare(
    () => ours.getCredentialList(),
    () => bare.POST('/credentials/getCredentialList', { body: {} }).then((r) => r.data),
  ),
  'bare openapi-fetch POST',
  'goal >= 0.5',
)

console.log('\nSize: everything the client pulls in, esbuild --bundle --minify, then gzip -9')
async function minGzip(contents) {
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'js' },
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
const whole = await minGzip("export * from './dist/index.js'")
const fetchOnly = await minGzip("export { default } from 'openapi-fetch'")
console.log(
  `${'@solapi/credentials-client (all exports)'.padEnd(44)} ${kb(whole.min).padStart(9)} min  ${kb(whole.gzip).padStart(8)} min+gzip  (goal <= 8 kB)`,
)
console.log(
  `${'openapi-fetch alone'.padEnd(44)} ${kb(fetchOnly.min).padStart(9)} min  ${kb(fetchOnly.gzip).padStart(8)} min+gzip`,
)
console.log(
  `${'added by signing, retries, errors'.padEnd(44)} ${kb(whole.min - fetchOnly.min).padStart(9)} min  ${kb(whole.gzip - fetchOnly.gzip).padStart(8)} min+gzip`,
)
const version = JSON.parse(
  readFileSync(new URL('../node_modules/@noble/hashes/package.json', import.meta.url), 'utf8'),
).version
console.log(`\n(@noble/hashes ${version}; sink ${typeof sink})`)
