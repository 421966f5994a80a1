import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findFreePort } from '@solapi/credentials-mock/process-group'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { descendantPids, isAlive } from '../../../mock/test/helpers/processes.ts'
import { repoDir } from '../helpers/run.ts'

// `pnpm start` is `turbo run build && node scripts/start.mjs`; this drives the second half with
// free ports (never 4010/4011/8080: someone may be running the real thing).
const startScript = join(repoDir, 'scripts/start.mjs')

interface Started {
  child: ChildProcess
  output: () => string
  errors: () => string
  exited: Promise<number | null>
}

const children: ChildProcess[] = []

// Each run's sandbox gets its own database: the default file is locked by a sandbox that is
// already running (the lead's `pnpm start`, another test).
const databaseDir = mkdtempSync(join(tmpdir(), 'start-test-'))
let runs = 0

function start(env: Record<string, string>): Started {
  runs += 1
  const child = spawn(process.execPath, [startScript], {
    cwd: repoDir,
    env: { ...process.env, DATABASE: join(databaseDir, `sandbox-${runs}.db`), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { child, output: () => stdout, errors: () => stderr, exited }
}

async function waitForBlock(started: Started, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const match = /toolkit is running:\n([\s\S]*?)\nPress Ctrl-C/.exec(started.output())
    if (match?.[1]) return match[1]
    if (started.child.exitCode !== null) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no URL block:\n${started.output()}\n${started.errors()}`)
}

function answers(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

afterAll(() => {
  rmSync(databaseDir, { recursive: true, force: true })
})

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
})

describe('scripts/start.mjs (pnpm start)', () => {
  it('starts docs, mock and sandbox, prints every URL once, and Ctrl-C stops them all', async () => {
    const ports = {
      DOCS_PORT: await findFreePort(),
      MOCK_PORT: await findFreePort(),
      SANDBOX_PORT: await findFreePort(),
    }
    const started = start(Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])))
    const block = await waitForBlock(started)

    const urls = Object.fromEntries(
      block.split('\n').map((line) => {
        const [name, url] = line.trim().split(/\s+/)
        return [name, url]
      }),
    )
    expect(urls).toEqual({
      docs: `http://127.0.0.1:${ports.DOCS_PORT}`,
      mock: `http://127.0.0.1:${ports.MOCK_PORT}`,
      sandbox: `http://127.0.0.1:${ports.SANDBOX_PORT}`,
    })

    const docs = await fetch(`${urls.docs}/`)
    expect(docs.status).toBe(200)
    expect(await docs.text()).toContain('SOLAPI Credentials API')

    const mock = await fetch(`${urls.mock}/credentials/getCredentialList`, {
      method: 'POST',
      headers: { authorization: 'HMAC-SHA256 x', 'content-type': 'application/json' },
      body: '{}',
    })
    expect(mock.status).toBe(200)
    expect(Object.keys((await mock.json()).credentials)).toContain('NCSOGH0TB3PDIGV1')

    // No Authorization: a real server answers with the spec's 401.
    const sandbox = await fetch(`${urls.sandbox}/credentials/getCredentialList`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(sandbox.status).toBe(401)
    expect((await sandbox.json()).errorCode).toBe('MissingAuthorization')

    // Prism, and the sandbox's shell and server.
    const pids = descendantPids(started.child.pid as number)
    expect(pids.length).toBeGreaterThanOrEqual(3)

    started.child.kill('SIGINT')
    expect(await started.exited).toBe(0)
    for (const pid of pids) expect(isAlive(pid)).toBe(false)
    for (const port of Object.values(ports)) expect(await answers(port)).toBe(false)
  })

  it('reports a busy port naming it and its variable, and starts nothing', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const busyPort = (blocker.address() as net.AddressInfo).port
    const mockPort = await findFreePort()
    try {
      const started = start({
        DOCS_PORT: String(await findFreePort()),
        MOCK_PORT: String(mockPort),
        SANDBOX_PORT: String(busyPort),
      })
      expect(await started.exited).toBe(1)
      expect(started.errors().trim()).toBe(
        `start: sandbox: port ${busyPort} on 127.0.0.1 is already in use; set SANDBOX_PORT to choose another`,
      )
      expect(started.output()).not.toContain('is running')
      expect(await answers(mockPort)).toBe(false)
    } finally {
      blocker.close()
    }
  })

  it('stops everything it started when one service fails to start', async () => {
    const ports = {
      DOCS_PORT: await findFreePort(),
      MOCK_PORT: await findFreePort(),
      SANDBOX_PORT: await findFreePort(),
    }
    const started = start({
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      // The sandbox refuses this setting at start-up and exits.
      SANDBOX_REPLAY_CAPACITY: '1',
    })
    // Sample the process tree while it runs: after the exit, every one of them must be gone.
    const seen = new Set<number>()
    let exitCode: number | null | undefined
    void started.exited.then((code) => {
      exitCode = code
    })
    while (exitCode === undefined) {
      for (const pid of descendantPids(started.child.pid as number)) seen.add(pid)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(exitCode).toBe(1)
    expect(started.errors()).toMatch(
      /^start: sandbox exited \(1\) before 127\.0\.0\.1:\d+ answered$/m,
    )
    expect(started.output()).not.toContain('is running')
    expect(seen.size).toBeGreaterThan(0)
    for (const pid of seen) expect(isAlive(pid)).toBe(false)
    for (const port of Object.values(ports)) expect(await answers(port)).toBe(false)
  })

  it('refuses a port variable that is not a port', async () => {
    const started = start({ MOCK_PORT: '40x' })
    expect(await started.exited).toBe(1)
    expect(started.errors().trim()).toBe(
      'start: MOCK_PORT must be an integer from 1 to 65535, got "40x"',
    )
  })
})
