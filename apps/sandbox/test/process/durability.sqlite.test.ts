import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stopAllProcesses } from '@solapi/devkit'
import Database from 'better-sqlite3'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { runToExit, startEntry } from '../support/sandbox-process.js'
import { clientHeader, post, signedPost, TEST_CREDENTIAL } from '../support/signing.js'

const dir = mkdtempSync(join(tmpdir(), 'sandbox-durability-'))
let counter = 0
const freshDatabase = () => join(dir, `db-${++counter}.db`)
const SILENT = { LOG_LEVEL: 'silent' }
const FIXED = { credential: TEST_CREDENTIAL, env: SILENT }
const FIXED_ENV = {
  SANDBOX_API_KEY: TEST_CREDENTIAL.apiKey,
  SANDBOX_API_SECRET: TEST_CREDENTIAL.apiSecret,
}
const EXITED_0 = { code: 0, signal: null }

afterEach(stopAllProcesses)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the Node entry as a real process', () => {
  it('keeps every credential, status and secret across a restart', async () => {
    const database = freshDatabase()
    const first = await startEntry({ database, ...FIXED })
    const created = await signedPost(
      first.url,
      '/credentials/createCredential',
      {},
      TEST_CREDENTIAL,
    )
    const other = await signedPost(first.url, '/credentials/createCredential', {}, TEST_CREDENTIAL)
    await signedPost(
      first.url,
      '/credentials/updateCredentialStatus',
      { apiKey: other.body.apiKey, credentialStatus: 'inactive' },
      TEST_CREDENTIAL,
    )
    const before = await signedPost(
      first.url,
      '/credentials/getCredentialList',
      {},
      TEST_CREDENTIAL,
    )
    first.process.signal('SIGTERM')
    expect(await first.process.exited).toEqual(EXITED_0)

    const second = await startEntry({ database, ...FIXED })
    const after = await signedPost(
      second.url,
      '/credentials/getCredentialList',
      {},
      TEST_CREDENTIAL,
    )
    expect(after.body).toEqual(before.body)
    expect(Object.keys(after.body.credentials as object)).toHaveLength(3)
    // The secret created before the restart still signs requests after it.
    const own = { apiKey: String(created.body.apiKey), apiSecret: String(created.body.apiSecret) }
    expect(
      (await signedPost(second.url, '/credentials/getCredentialInfo', { apiKey: own.apiKey }, own))
        .status,
    ).toBe(200)
    second.process.signal('SIGINT')
    expect(await second.process.exited).toEqual(EXITED_0)
  })

  it('loses no acknowledged create when killed with SIGKILL during 1,000 creates', async () => {
    const database = freshDatabase()
    const server = await startEntry({ database, ...FIXED })
    const acknowledged: string[] = []
    let attempted = 0
    const KILL_AFTER = 400
    // Four clients create in parallel; the process is killed mid-loop, with requests in flight.
    const worker = async () => {
      while (attempted < 1000) {
        attempted++
        try {
          const response = await post(
            server.url,
            '/credentials/createCredential',
            {},
            { authorization: clientHeader(TEST_CREDENTIAL) },
          )
          if (response.status === 200) acknowledged.push(String(response.body.apiKey))
          if (acknowledged.length === KILL_AFTER) server.process.signal('SIGKILL')
        } catch {
          return // connection refused or reset: the server is gone
        }
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()])
    expect(await server.process.exited).toEqual({ code: null, signal: 'SIGKILL' })
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER)
    expect(attempted).toBeLessThan(1000)

    const db = new Database(database)
    try {
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' })
      const stored = new Set(
        (db.prepare('SELECT api_key FROM credentials').all() as { api_key: string }[]).map(
          (r) => r.api_key,
        ),
      )
      const lost = acknowledged.filter((key) => !stored.has(key))
      expect(lost).toEqual([])
    } finally {
      db.close()
    }
  })

  it('stores no secret in plain text: the database and WAL files do not contain one', async () => {
    const database = freshDatabase()
    const server = await startEntry({ database, ...FIXED })
    const secrets: string[] = [TEST_CREDENTIAL.apiSecret]
    for (let i = 0; i < 5; i++) {
      const created = await signedPost(
        server.url,
        '/credentials/createCredential',
        {},
        TEST_CREDENTIAL,
      )
      secrets.push(String(created.body.apiSecret))
    }
    // Still running: the latest pages are in the WAL, which must be just as clean.
    const files = [database, `${database}-wal`].map((file) => readFileSync(file).toString('latin1'))
    expect(files[1]?.length).toBeGreaterThan(0)
    for (const secret of secrets) {
      for (const content of files) expect(content.includes(secret)).toBe(false)
    }
    // Sanity: an apiKey, which is not secret, is findable, so the search itself works.
    expect(files.some((content) => content.includes(TEST_CREDENTIAL.apiKey))).toBe(true)
    expect(statSync(`${database}.key`).mode & 0o777).toBe(0o600)
    server.process.signal('SIGTERM')
    expect(await server.process.exited).toEqual(EXITED_0)
  })

  it('prints a generated bootstrap secret once, on the first start only', async () => {
    const database = freshDatabase()
    const first = await startEntry({ database, env: SILENT })
    const match = /apiKey\s+([A-Z0-9]{16})\n\s+apiSecret\s+([A-Z0-9]{32})/.exec(
      first.process.stderr(),
    )
    expect(match).not.toBeNull()
    const printed = { apiKey: match?.[1] ?? '', apiSecret: match?.[2] ?? '' }
    expect(
      (await signedPost(first.url, '/credentials/getCredentialList', {}, printed)).status,
    ).toBe(200)
    first.process.signal('SIGTERM')
    await first.process.exited
    const second = await startEntry({ database, env: SILENT })
    expect(second.process.stderr()).not.toContain(printed.apiSecret)
    expect(second.process.stderr()).not.toContain('apiSecret')
    second.process.signal('SIGTERM')
    await second.process.exited
  })

  it('closes cleanly on SIGTERM: exit 0, the WAL checkpointed away', async () => {
    const database = freshDatabase()
    const server = await startEntry({
      database,
      credential: TEST_CREDENTIAL,
      env: { LOG_LEVEL: 'info' },
    })
    await signedPost(server.url, '/credentials/createCredential', {}, TEST_CREDENTIAL)
    server.process.signal('SIGTERM')
    expect(await server.process.exited).toEqual(EXITED_0)
    expect(() => statSync(`${database}-wal`)).toThrow()
    const events = server.process
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).event)
    expect(events.at(-1)).toBe('stopped')
  })

  it('refuses a busy port with one line naming it', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      const result = await runToExit({
        database: freshDatabase(),
        env: { LOG_LEVEL: 'silent', PORT: String(port) },
      })
      expect(result.code).toBe(1)
      const lines = result.stderr.trim().split('\n')
      expect(lines.at(-1)).toBe(
        `sandbox: port ${port} on 127.0.0.1 is already in use; stop the other server or set PORT.`,
      )
      // The port is checked before the bootstrap, so a failed start prints and stores nothing.
      expect(result.stderr).not.toContain('Bootstrap')
    } finally {
      blocker.close()
    }
  })

  it('uses SANDBOX_MASTER_KEY instead of a key file, across restarts', async () => {
    const database = freshDatabase()
    const env = { ...SILENT, SANDBOX_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') }
    const first = await startEntry({ database, credential: TEST_CREDENTIAL, env })
    const created = await signedPost(
      first.url,
      '/credentials/createCredential',
      {},
      TEST_CREDENTIAL,
    )
    first.process.signal('SIGTERM')
    expect(await first.process.exited).toEqual(EXITED_0)
    expect(() => statSync(`${database}.key`)).toThrow()
    const second = await startEntry({ database, credential: TEST_CREDENTIAL, env })
    const info = await signedPost(
      second.url,
      '/credentials/getCredentialInfo',
      { apiKey: created.body.apiKey },
      TEST_CREDENTIAL,
    )
    expect(info.body.apiSecret).toBe(created.body.apiSecret)
    second.process.signal('SIGTERM')
    expect(await second.process.exited).toEqual(EXITED_0)
  })

  it('refuses to start with a master key that cannot open the database', async () => {
    const database = freshDatabase()
    const server = await startEntry({ database, ...FIXED })
    server.process.signal('SIGTERM')
    await server.process.exited
    const wrongKey = 'ab'.repeat(32)
    const result = await runToExit({
      database,
      env: { ...SILENT, ...FIXED_ENV, SANDBOX_MASTER_KEY: wrongKey },
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('The master key does not open')
  })

  it('refuses a database another sandbox holds, at once and in one line', async () => {
    const database = freshDatabase()
    const server = await startEntry({ database, ...FIXED })
    const result = await runToExit({ database, env: { ...SILENT, ...FIXED_ENV } })
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toBe(
      `sandbox: ${database} is in use by another process (another sandbox?); stop it or set DATABASE.`,
    )
    // The first one is unaffected.
    expect(
      (await signedPost(server.url, '/credentials/getCredentialList', {}, TEST_CREDENTIAL)).status,
    ).toBe(200)
    server.process.signal('SIGTERM')
    expect(await server.process.exited).toEqual(EXITED_0)
  })

  it('refuses bad settings with one clear sentence', async () => {
    const result = await runToExit({ database: freshDatabase(), env: { SANDBOX_API_KEY: 'short' } })
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toBe(
      'sandbox: Set both SANDBOX_API_KEY and SANDBOX_API_SECRET, or neither.',
    )
  })
})
