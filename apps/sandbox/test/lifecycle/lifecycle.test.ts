import { ApiError, createCredentialsClient, NotFoundError } from '@solapi/credentials-client'
import { credentialsContract } from '@solapi/credentials-spec'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type InProcessServer, startInProcessServer } from '../support/in-process-server.js'
import { signedPost, TEST_CREDENTIAL } from '../support/signing.js'
import { responseSchemaErrors } from '../support/spec-responses.js'

let server: InProcessServer

beforeAll(async () => {
  server = await startInProcessServer()
})
afterAll(() => server.close())

const clientFor = (credential: { apiKey: string; apiSecret: string }) =>
  createCredentialsClient({ ...credential, baseUrl: server.url, retry: false })

async function rejectionOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe('the credential lifecycle, driven by @solapi/credentials-client', () => {
  it('creates, reads, lists, regenerates, deactivates and deletes a credential', async () => {
    const admin = clientFor(TEST_CREDENTIAL)

    const created = await admin.createCredential()
    expect(created.apiKey).toMatch(credentialsContract.limits.apiKey.pattern)
    expect(created.apiSecret).toMatch(credentialsContract.limits.apiSecret.pattern)

    const info = await admin.getCredentialInfo(created.apiKey)
    expect(info).toMatchObject({ ...created, credentialStatus: 'active' })
    expect(Date.parse(info.dateCreated)).not.toBeNaN()

    const list = await admin.getCredentialList()
    expect(Object.keys(list.credentials)).toEqual([TEST_CREDENTIAL.apiKey, created.apiKey])
    expect(list.credentials[created.apiKey]).toEqual({
      apiSecret: created.apiSecret,
      credentialStatus: 'active',
      dateCreated: info.dateCreated,
    })

    // The new credential signs requests of its own.
    const own = clientFor(created)
    expect((await own.getCredentialInfo(created.apiKey)).apiKey).toBe(created.apiKey)

    const regenerated = await admin.regenerateSecretKey(created.apiKey)
    expect(regenerated.apiKey).toBe(created.apiKey)
    expect(regenerated.apiSecret).not.toBe(created.apiSecret)
    const stale = await rejectionOf(own.getCredentialInfo(created.apiKey))
    expect([stale.status, stale.code]).toEqual([403, 'SignatureDoesNotMatch'])
    const renewed = clientFor(regenerated)
    expect((await renewed.getCredentialInfo(created.apiKey)).apiSecret).toBe(regenerated.apiSecret)

    expect(await admin.updateCredentialStatus(created.apiKey, 'inactive')).toEqual({
      apiKey: created.apiKey,
      resultCode: 'Success',
    })
    const inactive = await rejectionOf(renewed.getCredentialList())
    expect([inactive.status, inactive.code]).toEqual([403, 'InvalidAPIKey'])
    expect((await admin.getCredentialInfo(created.apiKey)).credentialStatus).toBe('inactive')

    expect(await admin.deleteCredential(created.apiKey)).toEqual({
      apiKey: created.apiKey,
      resultCode: 'Success',
    })
    const gone = await rejectionOf(admin.getCredentialInfo(created.apiKey))
    expect(gone).toBeInstanceOf(NotFoundError)
    expect([gone.status, gone.code]).toEqual([404, 'ResourceNotFound'])
    expect(Object.keys((await admin.getCredentialList()).credentials)).toEqual([
      TEST_CREDENTIAL.apiKey,
    ])
  })

  it('answers 404 ResourceNotFound for an unknown key on every lookup operation', async () => {
    const unknown = 'NCSNOSUCHKEY0001'
    for (const path of [
      '/credentials/getCredentialInfo',
      '/credentials/regenerateSecretKey',
      '/credentials/deleteCredential',
    ]) {
      const response = await signedPost(server.url, path, { apiKey: unknown }, TEST_CREDENTIAL)
      expect(response.status, path).toBe(404)
      expect(response.body).toEqual({
        apiKey: unknown,
        resultCode: 'ResourceNotFound',
        errorMessage: `No credential with apiKey ${unknown} exists.`,
      })
      expect(responseSchemaErrors(path, 404, response.body)).toEqual([])
    }
    const update = await signedPost(
      server.url,
      '/credentials/updateCredentialStatus',
      { apiKey: unknown, credentialStatus: 'inactive' },
      TEST_CREDENTIAL,
    )
    expect([update.status, update.body.resultCode]).toEqual([404, 'ResourceNotFound'])
  })

  it('gives every success the shape the spec documents', async () => {
    const created = await signedPost(
      server.url,
      '/credentials/createCredential',
      {},
      TEST_CREDENTIAL,
    )
    const apiKey = String(created.body.apiKey)
    const calls: [string, unknown][] = [
      ['/credentials/getCredentialInfo', { apiKey }],
      ['/credentials/getCredentialList', {}],
      ['/credentials/regenerateSecretKey', { apiKey }],
      ['/credentials/updateCredentialStatus', { apiKey, credentialStatus: 'inactive' }],
      ['/credentials/updateCredentialStatus', { apiKey, credentialStatus: 'active' }],
      ['/credentials/deleteCredential', { apiKey }],
    ]
    expect(responseSchemaErrors('/credentials/createCredential', 200, created.body)).toEqual([])
    // The checker itself can fail: a secret of the wrong shape breaks the documented schema.
    expect(
      responseSchemaErrors('/credentials/createCredential', 200, { apiKey, apiSecret: 'short' }),
    ).not.toEqual([])
    for (const [path, body] of calls) {
      const response = await signedPost(server.url, path, body, TEST_CREDENTIAL)
      expect(response.status, path).toBe(200)
      expect(responseSchemaErrors(path, 200, response.body), path).toEqual([])
      expect(response.headers.get('cache-control')).toBe('no-store')
    }
  })
})

describe('lockout protection', () => {
  // A fresh sandbox per test: each starts with the bootstrap credential as the only active one.
  beforeEach(async () => {
    await server.close()
    server = await startInProcessServer()
  })

  it('refuses to deactivate or delete the last active credential, with 409 LastActiveCredential', async () => {
    const admin = clientFor(TEST_CREDENTIAL)
    for (const [path, body] of [
      [
        '/credentials/updateCredentialStatus',
        { apiKey: TEST_CREDENTIAL.apiKey, credentialStatus: 'inactive' },
      ],
      ['/credentials/deleteCredential', { apiKey: TEST_CREDENTIAL.apiKey }],
    ] as const) {
      const response = await signedPost(server.url, path, body, TEST_CREDENTIAL)
      expect(response.status, path).toBe(409)
      expect(response.body.errorCode).toBe('LastActiveCredential')
      expect(responseSchemaErrors(path, 409, response.body)).toEqual([])
    }
    expect((await admin.getCredentialInfo(TEST_CREDENTIAL.apiKey)).credentialStatus).toBe('active')
  })

  it('lets a credential deactivate itself once another one is active, and then refuses it', async () => {
    const admin = clientFor(TEST_CREDENTIAL)
    const other = await admin.createCredential()
    const self = clientFor(other)
    expect((await self.updateCredentialStatus(other.apiKey, 'inactive')).resultCode).toBe('Success')
    const after = await rejectionOf(self.getCredentialList())
    expect(after.code).toBe('InvalidAPIKey')
    // Only the bootstrap key is active now: an inactive key may still be deleted.
    expect((await admin.deleteCredential(other.apiKey)).resultCode).toBe('Success')
  })

  it('allows setting the status a key already has, and deleting an inactive key', async () => {
    const admin = clientFor(TEST_CREDENTIAL)
    expect((await admin.updateCredentialStatus(TEST_CREDENTIAL.apiKey, 'active')).resultCode).toBe(
      'Success',
    )
    const spare = await admin.createCredential()
    await admin.updateCredentialStatus(spare.apiKey, 'inactive')
    expect((await admin.updateCredentialStatus(spare.apiKey, 'inactive')).resultCode).toBe(
      'Success',
    )
    expect((await admin.deleteCredential(spare.apiKey)).resultCode).toBe('Success')
  })
})
