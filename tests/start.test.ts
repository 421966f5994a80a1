import { readFileSync } from 'node:fs'
import net from 'node:net'
import { join } from 'node:path'
import {
  acceptsConnections,
  descendantPids,
  freePort,
  isAlive,
  type ProcessHandle,
  repoRoot,
  startProcess,
  stopAllProcesses,
} from '@solapi/devkit'
import { afterEach, describe, expect, it } from 'vitest'

// `pnpm start` is `turbo run build && node scripts/start.mjs`; this drives the second half with
// free ports (never 4010/4011/8080: someone may be running the real thing).
const startScript = join(repoRoot, 'scripts/start.mjs')

// Each run's sandbox is in memory (pnpm start never opens the sandbox's database file), so runs
// never share or lock one.
function start(env: Record<string, string>): ProcessHandle {
  return startProcess(process.execPath, [startScript], { cwd: repoRoot, env })
}

async function waitForBlock(started: ProcessHandle) {
  const [, block] = await started.waitForOutput(/toolkit is running:\n([\s\S]*?)\nPress Ctrl-C/, {
    stream: 'stdout',
  })
  return String(block)
}

const answers = (port: number) => acceptsConnections(port, '127.0.0.1')

/** Whether a running process is devkit's guardian (guardian.js), read while it still runs. */
function isDevkitGuardian(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('/devkit/src/guardian.js')
  } catch {
    return false
  }
}

/**
 * Every process start.mjs ran is gone the moment it has exited; devkit's guardian (start.mjs
 * starts its servers through devkit) goes a moment later, once it sees its pipe from it close.
 */
async function expectAllGone(pids: number[], guardians: Set<number>) {
  for (const pid of pids.filter((pid) => !guardians.has(pid))) expect(isAlive(pid)).toBe(false)
  await expect.poll(() => [...guardians].filter(isAlive), { timeout: 5_000 }).toEqual([])
}

afterEach(stopAllProcesses)

describe('scripts/start.mjs (pnpm start)', () => {
  it('starts docs, mock and sandbox, prints every URL once, and Ctrl-C stops them all', async () => {
    const ports = {
      DOCS_PORT: await freePort(),
      MOCK_PORT: await freePort(),
      SANDBOX_PORT: await freePort(),
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

    // The sandbox starts empty, in memory, with a test credential made for this run: the block
    // names its apiKey, the sandbox bootstrapped it, and the secret is printed nowhere.
    const apiKey = /test apiKey ([A-Z0-9]{16})$/m.exec(block)?.[1] ?? ''
    expect(block).toMatch(
      new RegExp(`^\\s+sandbox\\s+\\S+\\s.*in memory.*test apiKey ${apiKey}$`, 'm'),
    )
    expect(started.stdout() + started.stderr()).toContain(
      `Bootstrap credential ${apiKey} created from SANDBOX_API_KEY/SANDBOX_API_SECRET.`,
    )
    expect(started.stdout() + started.stderr()).toMatch(/Sandbox listening on \S+ \(.*:memory:\)/)

    // The docs page gets the credential through its config, and the docs server forwards the
    // "Try it" console's calls to the mock and the sandbox from its own origin.
    const config = JSON.parse(
      /<script type="application\/json" id="solapi-try-config">(.*?)<\/script>/.exec(
        await (await fetch(`${urls.docs}/`)).text(),
      )?.[1] ?? 'null',
    )
    expect(config).toEqual({
      proxied: { mock: '/servers/mock', sandbox: '/servers/sandbox' },
      credentials: { sandbox: { apiKey, apiSecret: expect.stringMatching(/^[A-Z0-9]{32}$/) } },
    })
    expect(started.stdout() + started.stderr()).not.toContain(config.credentials.sandbox.apiSecret)
    const viaDocs = (server: string, headers: Record<string, string>) =>
      fetch(`${urls.docs}/servers/${server}/credentials/getCredentialList`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      })
    const mockViaDocs = await viaDocs('mock', { authorization: 'HMAC-SHA256 x' })
    expect(mockViaDocs.status).toBe(200)
    expect(Object.keys((await mockViaDocs.json()).credentials)).toContain('NCSOGH0TB3PDIGV1')
    const sandboxViaDocs = await viaDocs('sandbox', {})
    expect(sandboxViaDocs.status).toBe(401)
    expect((await sandboxViaDocs.json()).errorCode).toBe('MissingAuthorization')

    // Prism, and the sandbox's shell and server.
    const pids = await descendantPids(started.pid)
    const guardians = new Set(pids.filter(isDevkitGuardian))
    expect(pids.length - guardians.size).toBeGreaterThanOrEqual(3)

    process.kill(started.pid, 'SIGINT')
    expect(await started.exited).toEqual({ code: 0, signal: null })
    await expectAllGone(pids, guardians)
    for (const port of Object.values(ports)) expect(await answers(port)).toBe(false)
  })

  it('reports a busy port naming it and its variable, and starts nothing', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const busyPort = (blocker.address() as net.AddressInfo).port
    const mockPort = await freePort()
    try {
      const started = start({
        DOCS_PORT: String(await freePort()),
        MOCK_PORT: String(mockPort),
        SANDBOX_PORT: String(busyPort),
      })
      expect((await started.exited).code).toBe(1)
      expect(started.stderr().trim()).toBe(
        `start: sandbox: port ${busyPort} on 127.0.0.1 is already in use; set SANDBOX_PORT to choose another`,
      )
      expect(started.stdout()).not.toContain('is running')
      expect(await answers(mockPort)).toBe(false)
    } finally {
      blocker.close()
    }
  })

  it('stops everything it started when one service fails to start', async () => {
    const ports = {
      DOCS_PORT: await freePort(),
      MOCK_PORT: await freePort(),
      SANDBOX_PORT: await freePort(),
    }
    const started = start({
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      // The sandbox refuses this setting at start-up and exits.
      SANDBOX_API_KEY: 'not-a-key',
      SANDBOX_API_SECRET: 'not-a-secret',
    })
    // Sample the process tree while it runs: after the exit, every one of them must be gone.
    const seen = new Set<number>()
    const guardians = new Set<number>()
    while (started.running()) {
      for (const pid of await descendantPids(started.pid)) {
        if (!seen.has(pid) && isDevkitGuardian(pid)) guardians.add(pid)
        seen.add(pid)
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(started.exitStatus()?.code).toBe(1)
    expect(started.stderr()).toMatch(
      /^start: sandbox exited \(1\) before 127\.0\.0\.1:\d+ answered$/m,
    )
    expect(started.stdout()).not.toContain('is running')
    expect(seen.size - guardians.size).toBeGreaterThan(0)
    await expectAllGone([...seen], guardians)
    for (const port of Object.values(ports)) expect(await answers(port)).toBe(false)
  })

  it('refuses a port variable that is not a port', async () => {
    const started = start({ MOCK_PORT: '40x' })
    expect((await started.exited).code).toBe(1)
    expect(started.stderr().trim()).toBe(
      'start: MOCK_PORT must be an integer from 1 to 65535, got "40x"',
    )
  })
})
