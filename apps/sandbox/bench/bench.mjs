#!/usr/bin/env node
// `pnpm bench`: signed getCredentialInfo (verify + SQLite read) on the sandbox against a bare
// node:http hello-world, both measured by wrk with the same script, connections and duration in
// this one run; then a soak of the sandbox reporting errors and RSS growth.
//
// wrk's Lua has no HMAC and the sandbox refuses a reused signature, so this script pre-signs a
// pool of unique headers (node:crypto) larger than the run can consume, and wrk walks it.
// Pre-signed dates are all from the moment the pool was made, so the sandbox runs with a replay
// cache big enough to hold the whole pool (SANDBOX_REPLAY_CAPACITY); see README.
//
// `--profile` (`pnpm bench:profile`): only the sandbox run, under `node --cpu-prof`; prints where
// the server's CPU time went (self time per function) and keeps the .cpuprofile for DevTools.
import { execFile, spawn } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const APP_DIR = fileURLToPath(new URL('..', import.meta.url))
const LUA = fileURLToPath(new URL('./signed-pool.lua', import.meta.url))
const WRK = process.env.WRK ?? '/usr/bin/wrk'
const TICKS_PER_SECOND = 100

const args = new Set(process.argv.slice(2))
const SOAK_ONLY = args.has('--soak-only')
const PROFILE = args.has('--profile')
const CONNECTIONS = 64
const THREADS = 2
const RUN_SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 60)
const CREDENTIAL = { apiKey: 'NCSSANDBOXBENCH1', apiSecret: 'SANDBOXBENCHSECRET00000000000001' }
const PATH = '/credentials/getCredentialInfo'
const BODY = JSON.stringify({ apiKey: CREDENTIAL.apiKey })

const work = mkdtempSync(join(tmpdir(), 'sandbox-bench-'))
const children = []

function startProcess(command, argv, env, readyPattern) {
  const child = spawn(command, argv, {
    cwd: APP_DIR,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH, ...env },
  })
  children.push(child)
  let err = ''
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      err += chunk
      const match = readyPattern.exec(err)
      if (match) resolve({ child, url: match[1] })
    })
    child.once('exit', (code) => reject(new Error(`exited ${code} before ready:\n${err}`)))
  })
}

function stopAll() {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {}
  }
}

async function startBaseline() {
  const code = `
    const http = require('node:http')
    const server = http.createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{"hello":"world"}')
      })
    })
    server.listen(0, '127.0.0.1', () => console.error('listening on http://127.0.0.1:' + server.address().port))`
  return startProcess(process.execPath, ['-e', code], {}, /listening on (http:\/\/\S+)/)
}

// The framework's own ceiling: Hono on @hono/node-server answering a POST without any work.
async function startHonoBaseline() {
  const code = `
    import { serve } from '@hono/node-server'
    import { Hono } from 'hono'
    const app = new Hono()
    app.post('*', (c) => c.json({ hello: 'world' }))
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
    server.once('listening', () => console.error('listening on http://127.0.0.1:' + server.address().port))`
  return startProcess(
    process.execPath,
    ['--input-type=module', '-e', code],
    {},
    /listening on (http:\/\/\S+)/,
  )
}

async function startSandbox(poolSize, nodeArgs = []) {
  return startProcess(
    process.execPath,
    [...nodeArgs, 'dist/node.js'],
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE: join(work, 'bench.db'),
      LOG_LEVEL: 'silent',
      SANDBOX_API_KEY: CREDENTIAL.apiKey,
      SANDBOX_API_SECRET: CREDENTIAL.apiSecret,
      SANDBOX_REPLAY_CAPACITY: String(2 ** Math.ceil(Math.log2(poolSize * 1.25))),
    },
    /Sandbox listening on (http:\/\/\S+)/,
  )
}

/**
 * Writes `count` headers for global positions [offset, offset + count) of a sequence whose dates
 * rise evenly across the 12 minutes around `base` (inside the 15-minute skew window). wrk walks
 * each pool in order, so the sandbox sees dates rising as they would from real clients; with one
 * shared date, any replay-cache eviction would make every later header unverifiable.
 */
async function writePool(file, offset, count, timeline) {
  const out = createWriteStream(file)
  const salts = randomBytes(count * 12)
  let chunk = ''
  for (let i = 0; i < count; i++) {
    const position = offset + i
    const date = new Date(timeline.start + Math.floor(position * timeline.stepMs)).toISOString()
    // 24-character salt: the global position plus random bytes, so no two headers are alike.
    const salt = `${position.toString(36).padStart(8, '0')}${salts.subarray(i * 12, i * 12 + 12).toString('base64url')}`
    const signature = createHmac('sha256', CREDENTIAL.apiSecret)
      .update(date + salt)
      .digest('hex')
    chunk += `HMAC-SHA256 apiKey=${CREDENTIAL.apiKey}, date=${date}, salt=${salt}, signature=${signature}\n`
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve))
      chunk = ''
    }
  }
  out.write(chunk)
  await new Promise((resolve) => out.end(resolve))
}

/** utime + stime of a process, in ms (Linux /proc; clock ticks are 10 ms here). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  return (Number(fields[11]) + Number(fields[12])) * (1000 / TICKS_PER_SECOND)
}

async function wrk(url, seconds, pool, label, pid) {
  const cpuBefore = pid ? cpuMs(pid) : Number.NaN
  const { stdout } = await run(
    WRK,
    [
      `-t${THREADS}`,
      `-c${CONNECTIONS}`,
      `-d${seconds}s`,
      '--timeout',
      '5s',
      '-s',
      LUA,
      `${url}${PATH}`,
      '--',
      pool,
      PATH,
      BODY,
      String(THREADS),
    ],
    { maxBuffer: 1 << 20 },
  )
  const cpuAfter = pid ? cpuMs(pid) : Number.NaN
  const line = stdout.split('\n').find((l) => l.startsWith('BENCH_JSON '))
  if (!line) throw new Error(`wrk printed no result:\n${stdout}`)
  const r = JSON.parse(line.slice('BENCH_JSON '.length))
  return {
    ...r,
    label,
    rps: r.requests / (r.durationUs / 1e6),
    // Server CPU per request: unlike req/s, barely moved by other load on the machine.
    cpuUsPerRequest: ((cpuAfter - cpuBefore) * 1000) / r.requests,
    errors: r.connectErrors + r.readErrors + r.writeErrors + r.timeouts + r.non2xx,
  }
}

const rssKiB = (pid) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN)

const ms = (us) => `${(us / 1000).toFixed(2)} ms`
const fmt = (n) => Math.round(n).toLocaleString('en-US')

function report(r) {
  console.log(
    `  ${r.label.padEnd(34)} ${fmt(r.rps).padStart(8)} req/s   p50 ${ms(r.p50Us).padStart(9)}   p99 ${ms(r.p99Us).padStart(9)}   server CPU ${r.cpuUsPerRequest.toFixed(1).padStart(6)} µs/req   errors ${r.errors}`,
  )
}

/** Self time per function (top `limit`), from a V8 .cpuprofile. */
function summariseProfile(file, limit = 25) {
  const profile = JSON.parse(readFileSync(file, 'utf8'))
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map()
  let total = 0
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame
    const where = url
      ? ` ${url.replace(/^.*node_modules\//, '').replace(`file://${APP_DIR}`, '')}:${lineNumber + 1}`
      : ''
    const key = `${functionName || '(anonymous)'}${where}`
    const dt = profile.timeDeltas[i] ?? 0
    self.set(key, (self.get(key) ?? 0) + dt)
    total += dt
  })
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`)
    .join('\n')
}

async function profileSandbox(pools, total) {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-profile-'))
  const sandbox = await startSandbox(total, ['--cpu-prof', `--cpu-prof-dir=${dir}`])
  await wrk(sandbox.url, 2, pools.warmup, 'warm-up')
  report(await wrk(sandbox.url, RUN_SECONDS, pools.main, 'sandbox (profiled)', sandbox.child.pid))
  // SIGINT: the sandbox stops itself, and node writes the profile on the way out.
  const exited = new Promise((resolve) => sandbox.child.once('exit', resolve))
  process.kill(sandbox.child.pid, 'SIGINT')
  await exited
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`)
  console.log(`\nSelf time by function (warm-up and run; idle is the server waiting for wrk):`)
  console.log(summariseProfile(join(dir, file)))
  console.log(`\nProfile kept: ${join(dir, file)} (open in Chrome DevTools > Performance).`)
}

async function main() {
  await run(WRK, ['--version']).catch((error) => {
    // wrk --version exits 1 after printing; only a missing binary is fatal.
    if (error.code === 'ENOENT')
      throw new Error(`wrk not found at ${WRK} (Debian: apt-get install wrk)`)
  })
  // One pool per wrk run against the sandbox (each run starts at the top of its pool, and a
  // header the sandbox has seen is refused). The bare server ignores the header and reuses one.
  const sizes = {
    warmup: Number(process.env.BENCH_WARMUP_POOL ?? 100_000),
    main: Number(process.env.BENCH_POOL ?? 500_000),
    soak: Number(process.env.SOAK_POOL ?? 1_200_000),
  }
  const pools = {}
  const started = Date.now()
  const total = Object.values(sizes).reduce((a, b) => a + b, 0)
  const timeline = { start: started - 6 * 60_000, stepMs: (12 * 60_000) / total }
  let offset = 0
  for (const [name, size] of Object.entries(sizes)) {
    if (!(SOAK_ONLY && name === 'main') && !(PROFILE && name === 'soak')) {
      pools[name] = join(work, `${name}.txt`)
      await writePool(pools[name], offset, size, timeline)
    }
    offset += size
  }
  console.log(`Signed ${fmt(total)} unique headers in ${Date.now() - started} ms.`)
  if (PROFILE) return profileSandbox(pools, total)

  const sandbox = await startSandbox(total)
  let main
  if (!SOAK_ONLY) {
    const baseline = await startBaseline()
    console.log(
      `\nwrk -t${THREADS} -c${CONNECTIONS} -d${RUN_SECONDS}s, same Lua script (signed headers) for both:`,
    )
    await wrk(baseline.url, 2, pools.warmup, 'warm-up')
    const bare = await wrk(
      baseline.url,
      RUN_SECONDS,
      pools.main,
      'bare node:http hello-world',
      baseline.child.pid,
    )
    process.kill(-baseline.child.pid, 'SIGKILL')
    report(bare)
    const hono = await startHonoBaseline()
    await wrk(hono.url, 2, pools.warmup, 'warm-up')
    const framework = await wrk(
      hono.url,
      RUN_SECONDS,
      pools.main,
      'Hono on node-server, empty handler',
      hono.child.pid,
    )
    process.kill(-hono.child.pid, 'SIGKILL')
    report(framework)
    await wrk(sandbox.url, 2, pools.warmup, 'warm-up')
    main = await wrk(
      sandbox.url,
      RUN_SECONDS,
      pools.main,
      'sandbox signed getCredentialInfo',
      sandbox.child.pid,
    )
    report(main)
    const ratio = main.rps / bare.rps
    const cpuRatio = bare.cpuUsPerRequest / main.cpuUsPerRequest
    console.log(
      `  ratio sandbox / bare node:http: ${(ratio * 100).toFixed(1)}% by req/s, ${(cpuRatio * 100).toFixed(1)}% by server CPU per request (goal >= 50%); sandbox p99 ${ms(main.p99Us)} (goal <= 10 ms)`,
    )
    console.log(
      `  (for scale: Hono alone / bare node:http ${((framework.rps / bare.rps) * 100).toFixed(1)}%, sandbox / Hono alone ${((main.rps / framework.rps) * 100).toFixed(1)}%; load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')})`,
    )
  }

  console.log(`\nSoak: ${SOAK_SECONDS} s at ${CONNECTIONS} connections on the sandbox:`)
  const rssStart = rssKiB(sandbox.child.pid)
  let rssMax = rssStart
  const sampler = setInterval(() => {
    rssMax = Math.max(rssMax, rssKiB(sandbox.child.pid))
  }, 1000)
  const soak = await wrk(
    sandbox.url,
    SOAK_SECONDS,
    pools.soak,
    'soak signed getCredentialInfo',
    sandbox.child.pid,
  )
  clearInterval(sampler)
  const rssEnd = rssKiB(sandbox.child.pid)
  report(soak)
  const growth = (rssEnd - rssStart) / rssStart
  console.log(
    `  RSS ${fmt(rssStart / 1024)} MiB -> ${fmt(rssEnd / 1024)} MiB (max ${fmt(rssMax / 1024)} MiB): growth ${(growth * 100).toFixed(1)}% (goal < 10%); errors ${soak.errors} (goal 0); pool wraps ${soak.poolWraps}`,
  )
  const failures = []
  if (soak.errors > 0) failures.push('soak had errors')
  if (main && main.errors > 0) failures.push('the measured run had errors')
  if (soak.poolWraps > 0 || (main && main.poolWraps > 0)) {
    failures.push('a header pool ran out; raise BENCH_POOL / SOAK_POOL')
  }
  if (failures.length) {
    console.error(`\nBench invalid: ${failures.join('; ')}.`)
    process.exitCode = 1
  }
}

try {
  await main()
} finally {
  stopAll()
  rmSync(work, { recursive: true, force: true })
}
