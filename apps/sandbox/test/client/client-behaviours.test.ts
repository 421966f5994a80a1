// The published client's behaviours, proven end to end against a real sandbox that is made to
// fail on purpose through its control API: retries, Retry-After, the per-attempt timeout, no
// retry of createCredential after a 500, a drop, and clock-skew correction.
import {
  ApiError,
  createCredentialsClient,
  NetworkError,
  TimeoutError,
} from '@solapi/credentials-client'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/start-sandbox.js'
import { ownStore } from '../support/backend.js'

let sandbox: RunningSandbox

beforeAll(async () => {
  sandbox = await startSandbox(await ownStore())
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.control.resetSandbox())

const clientWith = (options: Partial<Parameters<typeof createCredentialsClient>[0]> = {}) =>
  createCredentialsClient({
    apiKey: sandbox.apiKey,
    apiSecret: sandbox.apiSecret,
    baseUrl: sandbox.url,
    ...options,
  })

/** What the sandbox received, oldest first: operation, status and the fault that answered. */
async function received() {
  const journal = await sandbox.control.listRequests()
  return journal.reverse().map((entry) => [entry.operation, entry.status, entry.faultId ?? null])
}

async function keyCount() {
  return Object.keys((await clientWith({ retry: false }).getCredentialList()).credentials).length
}

describe('the published client against the sandbox', () => {
  it('retries a read through 503 and 500, each attempt signed afresh', async () => {
    const first = await sandbox.control.addFault({
      operation: 'getCredentialList',
      times: 1,
      status: 503,
    })
    const second = await sandbox.control.addFault({
      operation: 'getCredentialList',
      times: 1,
      status: 500,
    })
    const list = await clientWith({ retry: { baseDelayMs: 1 } }).getCredentialList()
    expect(Object.keys(list.credentials)).toEqual([sandbox.apiKey])
    expect(await received()).toEqual([
      ['getCredentialList', 503, first.id],
      ['getCredentialList', 500, second.id],
      ['getCredentialList', 200, null],
    ])
    // Three different signatures: a retry that reused one would have been a 403.
    const signatures = (await sandbox.control.listRequests()).map((e) => e.authorization)
    expect(new Set(signatures).size).toBe(3)
  })

  it('gives up after its retry limit with the last error', async () => {
    await sandbox.control.addFault({ operation: 'getCredentialInfo', times: 3, status: 502 })
    const error = await clientWith({ retry: { limit: 2, baseDelayMs: 1 } })
      .getCredentialInfo(sandbox.apiKey)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 502, code: 'BadGateway' })
    expect((await received()).map(([, status]) => status)).toEqual([502, 502, 502])
  })

  it('waits the Retry-After of a 429 before it retries', async () => {
    await sandbox.control.addFault({
      operation: 'getCredentialList',
      times: 1,
      status: 429,
      retryAfter: 1,
    })
    const started = performance.now()
    await clientWith({ retry: { baseDelayMs: 1 } }).getCredentialList()
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000)
    const [retry, refused] = await sandbox.control.listRequests()
    expect([refused?.status, retry?.status]).toEqual([429, 200])
    expect(
      Date.parse(String(retry?.time)) - Date.parse(String(refused?.time)),
    ).toBeGreaterThanOrEqual(1000)
  })

  it('times an attempt out after timeoutMs, and retries a read with a fresh attempt', async () => {
    await sandbox.control.addFault({ operation: 'getCredentialList', times: 1, delayMs: 3000 })
    const started = performance.now()
    const list = await clientWith({ timeoutMs: 300, retry: { baseDelayMs: 1 } }).getCredentialList()
    expect(performance.now() - started).toBeLessThan(2500)
    expect(Object.keys(list.credentials)).toEqual([sandbox.apiKey])
  })

  it('rejects with a TimeoutError when a slow answer outlives timeoutMs and retries are off', async () => {
    await sandbox.control.addFault({ times: 1, delayMs: 2000 })
    const error = await clientWith({ timeoutMs: 200, retry: false })
      .getCredentialList()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ reason: 'timeout', timeoutMs: 200 })
  })

  it('does not retry createCredential after a 500: the key may exist already', async () => {
    await sandbox.control.addFault({ operation: 'createCredential', times: 1, status: 500 })
    const error = await clientWith({ retry: { baseDelayMs: 1 } })
      .createCredential()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 500, code: 'InternalError' })
    expect((await received()).filter(([op]) => op === 'createCredential')).toHaveLength(1)
    // A faulted request changes nothing.
    expect(await keyCount()).toBe(1)
  })

  it('retries createCredential after a 503, which the server refused before any work', async () => {
    await sandbox.control.addFault({ operation: 'createCredential', times: 1, status: 503 })
    await clientWith({ retry: { baseDelayMs: 1 } }).createCredential()
    expect((await received()).map(([op, status]) => `${op} ${status}`)).toEqual([
      'createCredential 503',
      'createCredential 200',
    ])
    expect(await keyCount()).toBe(2)
  })

  it('does not retry createCredential after a dropped connection, but retries a read', async () => {
    await sandbox.control.addFault({ operation: 'createCredential', times: 1, drop: true })
    const error = await clientWith({ retry: { baseDelayMs: 1 } })
      .createCredential()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ unsent: false })
    await sandbox.control.addFault({ operation: 'getCredentialList', times: 1, drop: true })
    await clientWith({ retry: { baseDelayMs: 1 } }).getCredentialList()
    expect((await received()).map(([op, status]) => `${op} ${status}`)).toEqual([
      'createCredential 0',
      'getCredentialList 0',
      'getCredentialList 200',
    ])
    expect(await keyCount()).toBe(1)
  })

  it('corrects its clock by the Date header when the sandbox clock is 20 minutes ahead', async () => {
    await sandbox.control.setClock({ offsetMs: 20 * 60_000 })
    const client = clientWith({ retry: false })
    const created = await client.createCredential()
    const info = await client.getCredentialInfo(created.apiKey)
    const sandboxNow = Date.parse((await sandbox.control.getClock()).now)
    expect(Math.abs(Date.parse(info.dateCreated) - sandboxNow)).toBeLessThan(60_000)
    expect(await received()).toEqual([
      ['createCredential', 403, null],
      ['createCredential', 200, null],
      ['getCredentialInfo', 200, null],
    ])
    const [, , refused] = await sandbox.control.listRequests()
    expect(refused?.errorCode).toBe('RequestTimeTooSkewed')
  })
})
