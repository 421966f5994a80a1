// The cap on credentials per account (maxCredentialsPerAccount): createCredential past it is
// refused with the spec's 409 TooManyCredentials, on SQLite and on PostgreSQL, however many
// creates race for the last places.
import { afterEach, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/start-sandbox.js'
import { ownStore } from '../support/backend.js'
import { type Credential, signedPost, TEST_CREDENTIAL } from '../support/signing.js'
import { responseSchemaErrors } from '../support/spec-responses.js'

const CREATE = '/credentials/createCredential'
const LIST = '/credentials/getCredentialList'
const DELETE = '/credentials/deleteCredential'
const CAP = 5

let sandbox: RunningSandbox | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

const call = (signer: Credential, path: string, body: object = {}) =>
  signedPost((sandbox as RunningSandbox).url, path, body, signer)

async function keysOf(signer: Credential): Promise<string[]> {
  const list = await call(signer, LIST)
  return Object.keys(list.body.credentials as object)
}

describe('credentials per account', () => {
  it(`lets 20 concurrent creates fill an account to its cap of ${CAP} and refuses the rest with 409 TooManyCredentials`, async () => {
    sandbox = await startSandbox({
      ...(await ownStore()),
      ...TEST_CREDENTIAL,
      maxCredentialsPerAccount: CAP,
    })
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => call(TEST_CREDENTIAL, CREATE)),
    )
    const statuses = answers.map((answer) => answer.status).sort()
    // The bootstrap credential holds one place.
    expect(statuses.filter((status) => status === 200)).toHaveLength(CAP - 1)
    expect(statuses.filter((status) => status === 409)).toHaveLength(20 - (CAP - 1))
    const refused = answers.find((answer) => answer.status === 409)
    expect(refused?.body.errorCode).toBe('TooManyCredentials')
    expect(String(refused?.body.errorMessage)).toContain(`at most ${CAP} credentials`)
    expect(String(refused?.body.errorMessage)).toContain('maxCredentialsPerAccount')
    expect(responseSchemaErrors(CREATE, 409, refused?.body)).toEqual([])
    expect(await keysOf(TEST_CREDENTIAL)).toHaveLength(CAP)

    // Deleting one makes room for exactly one more.
    const created = answers.find((answer) => answer.status === 200)?.body.apiKey as string
    expect((await call(TEST_CREDENTIAL, DELETE, { apiKey: created })).status).toBe(200)
    expect((await call(TEST_CREDENTIAL, CREATE)).status).toBe(200)
    expect((await call(TEST_CREDENTIAL, CREATE)).status).toBe(409)
  })

  it("counts each account's credentials on their own: a full account leaves another's creates alone", async () => {
    sandbox = await startSandbox({
      ...(await ownStore()),
      ...TEST_CREDENTIAL,
      maxCredentialsPerAccount: 2,
    })
    const other = await sandbox.control.createAccount()
    expect((await call(TEST_CREDENTIAL, CREATE)).status).toBe(200)
    expect((await call(TEST_CREDENTIAL, CREATE)).status).toBe(409)
    const both = await Promise.all([call(other, CREATE), call(other, CREATE), call(other, CREATE)])
    expect(both.map((answer) => answer.status).sort()).toEqual([200, 409, 409])
    expect(await keysOf(other)).toHaveLength(2)
  })

  it('refuses a cap that is not a whole number from 1, naming the setting', async () => {
    await expect(startSandbox({ maxCredentialsPerAccount: 0 })).rejects.toThrow(
      'maxCredentialsPerAccount must be an integer from 1 to 1000000; got 0.',
    )
    await expect(startSandbox({ maxCredentialsPerAccount: 2.5 })).rejects.toThrow(
      'maxCredentialsPerAccount must be an integer',
    )
  })

  it('keeps a malformed request from reaching the cap check: a 400 body error comes first', async () => {
    sandbox = await startSandbox({
      ...(await ownStore()),
      ...TEST_CREDENTIAL,
      maxCredentialsPerAccount: 1,
    })
    const bad = await call(TEST_CREDENTIAL, CREATE, { unexpected: true })
    expect([bad.status, bad.body.errorCode]).toEqual([400, 'ValidationError'])
    const full = await call(TEST_CREDENTIAL, CREATE)
    expect([full.status, full.body.errorCode]).toEqual([409, 'TooManyCredentials'])
    // Nothing was written by either.
    expect(await keysOf(TEST_CREDENTIAL)).toEqual([TEST_CREDENTIAL.apiKey])
  })
})
