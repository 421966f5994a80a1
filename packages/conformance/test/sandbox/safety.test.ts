// Safe against a live account: the kit writes only to credentials it created and deletes them
// at the end (also when stopped), never touches the credential it signs with or any other key
// the account held, and --read-only sends only reads and auth-negative requests. Every request
// is seen through a pass-through proxy in front of a real sandbox.
import { fileURLToPath } from 'node:url'
import { type CredentialsClient, createCredentialsClient } from '@solapi/credentials-client'
import { credentialsContract } from '@solapi/credentials-spec'
import { type RunningSandbox, startProcess, startSandboxProcess } from '@solapi/devkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runConformance } from '../../src/index.js'
import { type MutatingProxy, startMutatingProxy } from '../support/mutating-proxy.js'

const BIN = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url))
const READ_PATHS = ['getCredentialInfo', 'getCredentialList'].map(
  (id) => credentialsContract.operation(id).path,
)

let sandbox: RunningSandbox
let proxy: MutatingProxy
let admin: CredentialsClient
/** Keys the account held before any run: one more active, one inactive. */
const others: string[] = []

beforeAll(async () => {
  sandbox = await startSandboxProcess({ env: { LOG_LEVEL: 'silent' } })
  proxy = await startMutatingProxy(sandbox.url)
  admin = createCredentialsClient({ ...sandbox, baseUrl: sandbox.url })
  const active = await admin.createCredential()
  const inactive = await admin.createCredential()
  await admin.updateCredentialStatus(inactive.apiKey, 'inactive')
  others.push(active.apiKey, inactive.apiKey)
})

afterAll(async () => {
  await proxy?.close()
  await sandbox?.stop()
})

const account = async () => (await admin.getCredentialList()).credentials
const options = () => ({ url: proxy.url, apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret })
const bodyOf = (body: Buffer) => body.toString('utf8')

describe('a run that may write', () => {
  it('writes only to credentials it created, and leaves the account exactly as it found it', async () => {
    const before = await account()
    proxy.use(undefined)
    const result = await runConformance({ ...options(), examples: 40 })
    expect(result.passed).toBe(true)
    expect(result.cleanup.created).toBeGreaterThan(0)
    const writes = proxy.seen.filter((t) => !READ_PATHS.includes(t.path))
    expect(writes.length).toBeGreaterThan(100)
    for (const traffic of writes) {
      for (const key of [sandbox.apiKey, ...others]) expect(bodyOf(traffic.body)).not.toContain(key)
    }
    expect(await account()).toEqual(before)
  })
})

describe('--read-only', () => {
  it('sends only getCredentialInfo and getCredentialList, skips the lifecycle, changes nothing', async () => {
    const before = await account()
    proxy.use(undefined)
    const result = await runConformance({ ...options(), examples: 20, readOnly: true })
    expect(result.writes).toBe(false)
    expect(result.note).toContain('read-only')
    expect(new Set(proxy.seen.map((t) => t.path))).toEqual(new Set(READ_PATHS))
    const skipped = result.checks.filter((c) => c.status === 'skipped').map((c) => c.id)
    expect(skipped).toEqual(result.checks.filter((c) => c.group === 'lifecycle').map((c) => c.id))
    expect(result.checks.filter((c) => c.status === 'failed')).toEqual([])
    expect(result.cleanup).toEqual({ created: 0, left: [] })
    expect(await account()).toEqual(before)
  })
})

describe('a run stopped with Ctrl-C or SIGTERM', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: deletes the credentials it created, then exits %i', async (signal, code) => {
    const before = await account()
    proxy.use(undefined)
    const kit = startProcess(process.execPath, [BIN, '--examples', '400'], {
      env: {
        SOLAPI_BASE_URL: proxy.url,
        SOLAPI_API_KEY: sandbox.apiKey,
        SOLAPI_API_SECRET: sandbox.apiSecret,
      },
    })
    // A quarter into the lifecycle, credentials created by the run exist.
    await kit.waitForOutput(/^lifecycle: \d+\/\d+ examples$/m, { timeoutMs: 60_000 })
    kit.signal(signal)
    const exit = await kit.exited
    expect(kit.stderr()).toContain(
      `${signal}: stopping; the credentials this run created are deleted first`,
    )
    expect(kit.stderr()).toMatch(/Deleting the \d+ credential\(s\) this run created/)
    expect(kit.stdout()).toContain('The run was stopped before it finished.')
    expect(exit.code).toBe(code)
    expect(await account()).toEqual(before)
  })
})
