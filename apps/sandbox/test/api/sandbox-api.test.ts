import { readdirSync } from 'node:fs'
import { createCredentialsClient, NetworkError } from '@solapi/credentials-client'
import { credentialsContract } from '@solapi/credentials-spec'
import { describe, expect, it } from 'vitest'
import { createSandbox, SandboxControlError, startSandbox } from '../../src/index.js'
import { ownStore } from '../support/backend.js'
import { signedPost } from '../support/signing.js'

const TOKEN = /^[A-Za-z0-9_-]{43}$/

describe('createSandbox: a fetch handler, no port', () => {
  it('answers the Credentials API and its control API with random credentials', async () => {
    const sandbox = await createSandbox(await ownStore())
    try {
      expect(sandbox.apiKey).toMatch(credentialsContract.limits.apiKey.pattern)
      expect(sandbox.apiSecret).toMatch(credentialsContract.limits.apiSecret.pattern)
      expect(sandbox.controlToken).toMatch(TOKEN)
      const client = createCredentialsClient({
        apiKey: sandbox.apiKey,
        apiSecret: sandbox.apiSecret,
        baseUrl: 'http://anywhere.invalid',
        fetch: sandbox.fetch,
        retry: false,
      })
      const created = await client.createCredential()
      expect(Object.keys((await client.getCredentialList()).credentials)).toEqual([
        sandbox.apiKey,
        created.apiKey,
      ])
      expect((await sandbox.control.createAccount()).accountId).toBe('acct_2')
    } finally {
      await sandbox.close()
    }
  })

  it('rejects a dropped request as fetch does when a connection closes unanswered', async () => {
    const sandbox = await createSandbox(await ownStore())
    try {
      await sandbox.control.addFault({ times: 1, drop: true })
      const request = () =>
        new Request('http://anywhere.invalid/credentials/getCredentialList', {
          method: 'POST',
          body: '{}',
        })
      // Unsigned: the fault applies only after authentication, so this one is answered.
      expect((await sandbox.fetch(request())).status).toBe(401)
      const client = createCredentialsClient({
        ...sandbox,
        baseUrl: 'http://anywhere.invalid',
        fetch: sandbox.fetch,
        retry: false,
      })
      const error = await client.getCredentialList().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(NetworkError)
      expect((error as NetworkError).cause).toBeInstanceOf(TypeError)
      const [entry] = await sandbox.control.listRequests()
      expect([entry?.status, entry?.faultId]).toEqual([0, expect.stringMatching(/^fault_/)])
    } finally {
      await sandbox.close()
    }
  })

  it('keeps each sandbox its own: accounts, clock and faults', async () => {
    const [one, two] = await Promise.all([
      createSandbox(await ownStore()),
      createSandbox(await ownStore()),
    ])
    try {
      await one.control.setClock({ offsetMs: 3_600_000 })
      await one.control.addFault({ times: 1, status: 503 })
      expect((await two.control.getClock()).offsetMs).toBeLessThan(1000)
      expect(await two.control.listFaults()).toEqual([])
      expect(one.apiKey).not.toBe(two.apiKey)
    } finally {
      await Promise.all([one.close(), two.close()])
    }
  })
})

describe('startSandbox: a listener in this process', () => {
  it('takes a free port and writes no file (in memory on SQLite)', async () => {
    const store = await ownStore()
    const before = readdirSync(process.cwd())
    const sandbox = await startSandbox(store)
    try {
      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(sandbox.controlToken).toMatch(TOKEN)
      expect(
        (await signedPost(sandbox.url, '/credentials/getCredentialList', {}, sandbox)).status,
      ).toBe(200)
      expect((await sandbox.control.getClock()).frozen).toBe(false)
    } finally {
      await sandbox.close()
    }
    expect(readdirSync(process.cwd())).toEqual(before)
    await expect(fetch(sandbox.url)).rejects.toThrow()
  })

  it('uses the credentials, token and port it is given', async () => {
    const given = {
      apiKey: 'NCSGIVENKEY00001',
      apiSecret: 'GIVENSECRET000000000000000000001',
      controlToken: 'a-fixed-control-token-for-tests',
    }
    const probe = await startSandbox()
    const port = Number(new URL(probe.url).port)
    await probe.close()
    const sandbox = await startSandbox({ ...(await ownStore()), ...given, port })
    try {
      expect(sandbox).toMatchObject({ ...given, url: `http://127.0.0.1:${port}` })
      expect(
        (await signedPost(sandbox.url, '/credentials/getCredentialList', {}, given)).status,
      ).toBe(200)
      await sandbox.control.resetSandbox()
    } finally {
      await sandbox.close()
    }
  })

  it('refuses a port in use in one sentence naming it', async () => {
    const first = await startSandbox(await ownStore())
    const port = Number(new URL(first.url).port)
    try {
      await expect(startSandbox({ ...(await ownStore()), port })).rejects.toThrow(
        `port ${port} on 127.0.0.1 is already in use; stop the other server or set PORT.`,
      )
    } finally {
      await first.close()
    }
  })

  it('leaves the process globals alone', async () => {
    const { Request: request, Response: response } = globalThis
    const sandbox = await startSandbox(await ownStore())
    await signedPost(sandbox.url, '/credentials/getCredentialList', {}, sandbox)
    await sandbox.close()
    expect([globalThis.Request, globalThis.Response]).toEqual([request, response])
  })

  it('removes the control routes with control: false', async () => {
    const sandbox = await startSandbox({ ...(await ownStore()), control: false })
    try {
      const response = await fetch(`${sandbox.url}/_sandbox/reset`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.controlToken}` },
      })
      expect(response.status).toBe(404)
      const error = await sandbox.control.resetSandbox().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(SandboxControlError)
      expect(error).toMatchObject({ status: 404, errorCode: 'NotFound' })
    } finally {
      await sandbox.close()
    }
  })

  it.each([
    [{ apiKey: 'NCSGIVENKEY00001' }, 'Set both apiKey and apiSecret, or neither.'],
    [
      { apiKey: 'short', apiSecret: 'GIVENSECRET000000000000000000001' },
      'apiKey must match ^[A-Z0-9]{16}$ (the spec); got 5 characters.',
    ],
    [
      { controlToken: 'has spaces in it, no' },
      'controlToken must be 16 to 256 characters from A-Z a-z 0-9 . _ ~ + / - (then = padding); got 20 characters.',
    ],
    [{ port: 70000 }, 'port must be an integer from 0 to 65535; got 70000.'],
    [{ logLevel: 'loud' }, 'logLevel must be info, error or silent; got loud.'],
    [
      { database: 'postgres://sandbox@db.internal/sandbox' },
      'With PostgreSQL, set masterKey: every instance on the database must seal secrets with the same key, and there is no file beside a URL to keep one in.',
    ],
  ])('refuses bad options in one sentence naming the option: %o', async (options, message) => {
    await expect(startSandbox(options as never)).rejects.toThrow(message)
  })
})
