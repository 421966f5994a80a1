// What a consumer gets: the packed tarball (with the spec package it depends on), installed with
// plain npm in an empty folder, once for this file. Its bin, and startSandbox / createSandbox on
// Node, Bun and Deno, are checked against that one install. This runs on the machine's Node,
// which may have no node:sqlite (Node 20): the install adds better-sqlite3 as the README tells
// a user of such a Node to, in the same npm install.
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { signAuthorization } from '@solapi/credentials-client'
import {
  createDatabase,
  freePort,
  type Installed,
  installPacked,
  randomCredential,
  runProcess,
  runtimeCommand,
  startPostgres,
  startProcess,
  stopAllProcesses,
} from '@solapi/devkit'
import { publint } from 'publint'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { NO_SQLITE } from '../../src/storage/sqlite/open-driver.js'

const APP_DIR = fileURLToPath(new URL('../..', import.meta.url))
const tsc = join(APP_DIR, 'node_modules/.bin/tsc')
let installed: Installed
let packageDir: string
let checkScript: string

beforeAll(async () => {
  installed = await installPacked(['@solapi/credentials-spec', '@solapi/credentials-sandbox'], {
    add: ['better-sqlite3'],
  })
  packageDir = join(installed.dir, 'node_modules/@solapi/credentials-sandbox')
  checkScript = join(installed.dir, 'consumer-check.mjs')
  copyFileSync(fileURLToPath(new URL('consumer-check.mjs', import.meta.url)), checkScript)
}, 900_000)
afterAll(() => installed?.remove())
afterEach(stopAllProcesses)

/** Every file under a folder with its size and time: anything written there shows. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name)
      const { size, mtimeMs } = statSync(path)
      return `${relative(dir, path)} ${size} ${mtimeMs}`
    })
    .sort()
}

describe('the published package', () => {
  it('passes publint in strict mode', async () => {
    const { messages } = await publint({ pkgDir: APP_DIR, strict: true })
    expect(messages).toEqual([])
  })

  it('declares the bin, one entry, the files, pg, and better-sqlite3 as an optional peer only', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
    expect(manifest.private).toBeUndefined()
    expect(manifest.bin).toEqual({ 'solapi-credentials-sandbox': './dist/bin.js' })
    expect(Object.keys(manifest.exports)).toEqual(['.', './package.json'])
    // A peer, not an optional dependency: npm would install (and compile) an optional one for
    // every consumer, while most Nodes need none.
    expect(manifest.peerDependencies).toEqual({ 'better-sqlite3': expect.any(String) })
    expect(manifest.peerDependenciesMeta).toEqual({ 'better-sqlite3': { optional: true } })
    expect(manifest.optionalDependencies).toBeUndefined()
    expect(manifest.dependencies['better-sqlite3']).toBeUndefined()
    // PostgreSQL's driver is plain JavaScript and small: always there, loaded only when used.
    expect(manifest.dependencies.pg).toMatch(/^\d+\.\d+\.\d+/)
    expect(manifest.dependencies['@solapi/credentials-spec']).toMatch(/^\d+\.\d+\.\d+/)
    expect(JSON.stringify(manifest)).not.toContain('workspace:')
    const shipped = readdirSync(packageDir).sort()
    expect(shipped).toEqual(['LICENSE', 'README.md', 'dist', 'package.json'])
    expect(readdirSync(join(packageDir, 'dist'))).toEqual(
      expect.arrayContaining(['bin.js', 'index.js', 'index.d.ts']),
    )
  })

  it('runs the bin from npx: in memory, says so, prints the token once, writes nothing', async () => {
    const before = snapshot(join(installed.dir, 'node_modules'))
    const port = await freePort()
    const bin = startProcess(installed.bin('solapi-credentials-sandbox'), [], {
      cwd: installed.dir,
      env: { PORT: String(port), LOG_LEVEL: 'error', DATABASE: undefined },
    })
    const [, url] = await bin.waitForOutput(/^Sandbox listening on (http:\/\/\S+) \(node, /m)
    expect(url).toBe(`http://127.0.0.1:${port}`)
    const output = bin.stderr()
    expect(output).toContain('Data is kept in memory and is gone when the sandbox stops')
    const [, apiKey, apiSecret] = /apiKey\s+(\w{16})\n\s+apiSecret\s+(\w{32})/.exec(output) ?? []
    const [, token] = /Bearer (\S+) \(a new token each start, shown once\)/.exec(output) ?? []
    const list = await fetch(`${url}/credentials/getCredentialList`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: signAuthorization({ apiKey: String(apiKey), apiSecret: String(apiSecret) }),
      },
      body: '{}',
    })
    expect(list.status).toBe(200)
    const reset = await fetch(`${url}/_sandbox/reset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(reset.status).toBe(204)
    bin.signal('SIGTERM')
    expect(await bin.exited).toEqual({ code: 0, signal: null })
    expect(snapshot(join(installed.dir, 'node_modules'))).toEqual(before)
    expect(readdirSync(installed.dir).filter((f) => /\.(db|key)$/.test(f))).toEqual([])
  })

  it('has declarations a strict TypeScript consumer type-checks against, control API included', async () => {
    copyFileSync(
      fileURLToPath(new URL('consumer-types.ts', import.meta.url)),
      join(installed.dir, 'consumer-types.ts'),
    )
    const compilerOptions = {
      noEmit: true,
      strict: true,
      target: 'es2022',
      lib: ['es2022', 'dom'],
      module: 'nodenext',
      moduleResolution: 'nodenext',
      types: [],
    }
    writeFileSync(
      join(installed.dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions, files: ['consumer-types.ts'] }),
    )
    const result = await runProcess(tsc, ['-p', 'tsconfig.json'], {
      cwd: installed.dir,
    })
    expect(result.stdout + result.stderr).toBe('')
    expect(result.code).toBe(0)
  })

  it.each([
    ['bun', 'bun:sqlite'],
    ['deno', 'node:sqlite'],
  ] as const)('runs the bin on %s with %s', async (runtime, driver) => {
    const [command, args] = runtimeCommand(runtime, join(packageDir, 'dist/bin.js'))
    const bin = startProcess(command, args, {
      cwd: installed.dir,
      env: { PORT: '0', LOG_LEVEL: 'error', DATABASE: undefined },
    })
    await bin.waitForOutput(
      new RegExp(`^Sandbox listening on http://\\S+ \\(${runtime}, ${driver}, :memory:\\)$`, 'm'),
    )
    bin.signal('SIGTERM')
    expect(await bin.exited).toEqual({ code: 0, signal: null })
  })

  it('runs the installed bin on PostgreSQL from DATABASE_URL, on Node, Bun and Deno', async () => {
    const postgres = await startPostgres()
    try {
      for (const runtime of ['node', 'bun', 'deno'] as const) {
        const database = await createDatabase(postgres.url)
        const credential = randomCredential()
        const [command, args] = runtimeCommand(runtime, join(packageDir, 'dist/bin.js'))
        const bin = startProcess(command, args, {
          cwd: installed.dir,
          env: {
            PORT: '0',
            LOG_LEVEL: 'error',
            DATABASE: undefined,
            DATABASE_URL: database,
            SANDBOX_MASTER_KEY: 'ef'.repeat(32),
            SANDBOX_API_KEY: credential.apiKey,
            SANDBOX_API_SECRET: credential.apiSecret,
          },
        })
        const [, url] = await bin.waitForOutput(
          new RegExp(`^Sandbox listening on (http://\\S+) \\(${runtime}, pg, ${database}\\)$`, 'm'),
        )
        const health = await fetch(`${url}/healthz`)
        expect([runtime, health.status]).toEqual([runtime, 200])
        const list = await fetch(`${url}/credentials/getCredentialList`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: signAuthorization(credential),
          },
          body: '{}',
        })
        expect([runtime, list.status]).toEqual([runtime, 200])
        bin.signal('SIGTERM')
        expect(await bin.exited).toEqual({ code: 0, signal: null })
      }
    } finally {
      await postgres.stop()
    }
  })

  it.each(['node', 'bun', 'deno'] as const)(
    'starts from code on %s: startSandbox, the control API, a drop, createSandbox',
    async (runtime) => {
      const [command, args] = runtimeCommand(runtime, checkScript)
      const result = await runProcess(command, args, { cwd: installed.dir })
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      const report = JSON.parse(result.stdout)
      expect(report).toEqual({
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        own: 200,
        cross: [404, 'ResourceNotFound'],
        faulted: [503, '2', 'ServiceUnavailable'],
        droppedBytes: 0,
        answeredBytes: true,
        skewed: [403, 'RequestTimeTooSkewed'],
        journalAfterReset: 0,
        handler: 200,
        droppedHandler: 'TypeError',
        startMs: expect.any(Number),
        resetMs: expect.any(Number),
      })
      console.log(
        `${runtime}: startSandbox ${report.startMs} ms (first, cold), reset ${report.resetMs} ms`,
      )
    },
  )

  // Last: it takes better-sqlite3 away from the install.
  it('names the fix in one line when Node has no SQLite library', async () => {
    rmSync(join(installed.dir, 'node_modules/better-sqlite3'), { recursive: true, force: true })
    const hasNodeSqlite = await import('node:sqlite').then(
      () => true,
      () => false,
    )
    const bin = startProcess(installed.bin('solapi-credentials-sandbox'), [], {
      cwd: installed.dir,
      env: { PORT: '0', LOG_LEVEL: 'error' },
    })
    if (hasNodeSqlite) {
      await bin.waitForOutput(
        /^Sandbox listening on http:\/\/\S+ \(node, node:sqlite, :memory:\)$/m,
      )
      bin.signal('SIGTERM')
      expect((await bin.exited).code).toBe(0)
    } else {
      expect(await bin.exited).toEqual({ code: 1, signal: null })
      expect(bin.stderr()).toBe(`sandbox: ${NO_SQLITE}\n`)
    }
  })
})
