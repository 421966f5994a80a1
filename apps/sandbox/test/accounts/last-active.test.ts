import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSandbox, type Sandbox } from '../../src/create-sandbox.js'
import { ownStore } from '../support/backend.js'
import { clientHeader } from '../support/signing.js'

let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await createSandbox(await ownStore())
})
afterAll(() => sandbox.close())

async function call(
  signer: { apiKey: string; apiSecret: string },
  operation: string,
  body: object,
) {
  const response = await sandbox.fetch(
    new Request(`http://sandbox.invalid/credentials/${operation}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: clientHeader(signer) },
      body: JSON.stringify(body),
    }),
  )
  return { status: response.status, body: await response.json() }
}

describe('LastActiveCredential, per account', () => {
  it("counts only the account's own active keys", async () => {
    const bootstrap = { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret }
    const other = await sandbox.control.createAccount()
    // acct_1 has active keys, but they are not acct_2's: its one key is its last active one.
    for (const operation of ['deleteCredential', 'updateCredentialStatus']) {
      const body = { apiKey: other.apiKey, credentialStatus: 'inactive' }
      const refused = await call(
        other,
        operation,
        operation === 'deleteCredential' ? { apiKey: other.apiKey } : body,
      )
      expect([refused.status, refused.body.errorCode]).toEqual([409, 'LastActiveCredential'])
    }
    // acct_2's active keys do not let acct_1 deactivate its own last one either.
    const refused = await call(bootstrap, 'deleteCredential', { apiKey: bootstrap.apiKey })
    expect([refused.status, refused.body.errorCode]).toEqual([409, 'LastActiveCredential'])
    const second = await call(bootstrap, 'createCredential', {})
    const deactivated = await call(bootstrap, 'updateCredentialStatus', {
      apiKey: bootstrap.apiKey,
      credentialStatus: 'inactive',
    })
    expect(deactivated.status).toBe(200)
    const list = await call(second.body, 'getCredentialList', {})
    expect(Object.keys(list.body.credentials)).toEqual([bootstrap.apiKey, second.body.apiKey])
  })
})
