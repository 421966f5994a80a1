// The signature doctor as a consumer meets it: the published client, given a secret read with
// its line end (or one that regenerateSecretKey replaced), rejects with an AuthError whose
// `hint` names the mistake and whose message explains it, without the secret.
import { AuthError, createCredentialsClient } from '@solapi/credentials-client'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/start-sandbox.js'
import { ownStore } from '../support/backend.js'

let sandbox: RunningSandbox

beforeAll(async () => {
  sandbox = await startSandbox(await ownStore())
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.control.resetSandbox())

const clientWith = (apiKey: string, apiSecret: string) =>
  createCredentialsClient({ apiKey, apiSecret, baseUrl: sandbox.url, retry: false })

/** What the client's call rejected with; fails the test if it did not. */
async function rejection(call: Promise<unknown>): Promise<AuthError> {
  const error = await call.then(
    () => undefined,
    (cause: unknown) => cause,
  )
  expect(error).toBeInstanceOf(AuthError)
  return error as AuthError
}

describe('AuthError#hint from the published client', () => {
  it('is secret-whitespace for a secret read from a file with its line end', async () => {
    const error = await rejection(
      clientWith(sandbox.apiKey, `${sandbox.apiSecret}\n`).getCredentialList(),
    )
    expect(error.status).toBe(403)
    expect(error.code).toBe('SignatureDoesNotMatch')
    expect(error.hint).toBe('secret-whitespace')
    expect(error.message).toContain('(hint: secret-whitespace)')
    expect(error.message).toContain('a trailing line feed')
    expect(JSON.stringify(error.toJSON())).not.toContain(sandbox.apiSecret)
    expect(error.message).not.toContain(sandbox.apiSecret)
  })

  it('is previous-secret for the secret regenerateSecretKey replaced', async () => {
    const account = await sandbox.control.createAccount()
    const renewed = await clientWith(account.apiKey, account.apiSecret).regenerateSecretKey(
      account.apiKey,
    )
    expect(renewed.apiSecret).not.toBe(account.apiSecret)
    const error = await rejection(clientWith(account.apiKey, account.apiSecret).getCredentialList())
    expect(error.hint).toBe('previous-secret')
    expect(error.message).toContain('regenerateSecretKey replaced it at')
    for (const secret of [account.apiSecret, renewed.apiSecret]) {
      expect(JSON.stringify(error.toJSON())).not.toContain(secret)
    }
  })

  it('is undefined for a secret that is simply wrong', async () => {
    const error = await rejection(
      clientWith(sandbox.apiKey, 'WRONGSECRET000000000000000000001').getCredentialList(),
    )
    expect(error.code).toBe('SignatureDoesNotMatch')
    expect(error.hint).toBeUndefined()
    expect(error.message).not.toContain('(hint:')
  })
})
