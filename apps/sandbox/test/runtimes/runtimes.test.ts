import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stopAllProcesses } from '@solapi/devkit'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { nodeSqliteIsSilent } from '../../src/storage/sqlite/open-driver.js'
import { databaseFor, driverName } from '../support/backend.js'
import { type Runtime, startEntry } from '../support/sandbox-process.js'
import { clientHeader, post, signedPost, TEST_CREDENTIAL } from '../support/signing.js'

const dir = mkdtempSync(join(tmpdir(), 'sandbox-runtimes-'))
afterEach(stopAllProcesses)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// Node takes its own SQLite where it loads without a warning, better-sqlite3 elsewhere.
const DRIVERS: Record<Runtime, string> = {
  node: nodeSqliteIsSilent(process.versions.node) ? 'node:sqlite' : 'better-sqlite3',
  bun: 'bun:sqlite',
  deno: 'node:sqlite',
}

describe.each(['node', 'bun', 'deno'] as const)('the %s entry', (runtime) => {
  it('runs the smoke lifecycle and keeps its data across a restart', async () => {
    const database = await databaseFor(join(dir, `${runtime}.db`))
    const options = { database, credential: TEST_CREDENTIAL, env: { LOG_LEVEL: 'silent' }, runtime }
    const server = await startEntry(options)
    expect(server.process.stderr()).toContain(`(${runtime}, ${driverName(DRIVERS[runtime])},`)
    const call = (path: string, body: unknown) =>
      signedPost(server.url, path, body, TEST_CREDENTIAL)

    const created = await call('/credentials/createCredential', {})
    expect(created.status).toBe(200)
    const apiKey = String(created.body.apiKey)
    expect((await call('/credentials/getCredentialInfo', { apiKey })).body.apiSecret).toBe(
      created.body.apiSecret,
    )
    expect(
      Object.keys((await call('/credentials/getCredentialList', {})).body.credentials as object),
    ).toHaveLength(2)
    const regenerated = await call('/credentials/regenerateSecretKey', { apiKey })
    const stale = await signedPost(
      server.url,
      '/credentials/getCredentialList',
      {},
      { apiKey, apiSecret: String(created.body.apiSecret) },
    )
    expect(stale.body.errorCode).toBe('SignatureDoesNotMatch')
    expect(
      (await call('/credentials/updateCredentialStatus', { apiKey, credentialStatus: 'inactive' }))
        .status,
    ).toBe(200)
    const inactive = await signedPost(
      server.url,
      '/credentials/getCredentialList',
      {},
      { apiKey, apiSecret: String(regenerated.body.apiSecret) },
    )
    expect(inactive.body.errorCode).toBe('InvalidAPIKey')
    expect(
      (await call('/credentials/deleteCredential', { apiKey: TEST_CREDENTIAL.apiKey })).status,
    ).toBe(409)
    expect((await call('/credentials/deleteCredential', { apiKey })).status).toBe(200)
    expect((await call('/credentials/getCredentialInfo', { apiKey })).status).toBe(404)

    const header = clientHeader(TEST_CREDENTIAL)
    expect(
      (await post(server.url, '/credentials/getCredentialList', {}, { authorization: header }))
        .status,
    ).toBe(200)
    expect(
      (await post(server.url, '/credentials/getCredentialList', {}, { authorization: header })).body
        .errorCode,
    ).toBe('DuplicatedSignature')
    const kept = await call('/credentials/createCredential', {})

    server.process.signal('SIGTERM')
    expect(await server.process.exited).toEqual({ code: 0, signal: null })
    const again = await startEntry(options)
    const info = await signedPost(
      again.url,
      '/credentials/getCredentialInfo',
      { apiKey: kept.body.apiKey },
      TEST_CREDENTIAL,
    )
    expect(info.body.apiSecret).toBe(kept.body.apiSecret)
    again.process.signal('SIGTERM')
    expect(await again.process.exited).toEqual({ code: 0, signal: null })
  })
})
