import { createCredentialsClient } from '@solapi/credentials-client'
import { createControlClient } from '@solapi/credentials-sandbox'
import { beforeEach, expect, inject, it } from 'vitest'

const { url, apiKey, apiSecret, controlToken } = inject('sandbox')
const control = createControlClient({ baseUrl: url, controlToken })
const client = createCredentialsClient({ apiKey, apiSecret, baseUrl: url })

beforeEach(() => control.resetSandbox())

it('creates a key, and the sandbox remembers it', async () => {
  const { apiKey: created } = await client.createCredential()
  expect(Object.keys((await client.getCredentialList()).credentials)).toContain(created)
})

it('retries through two 503s', async () => {
  await control.addFault({ operation: 'getCredentialList', times: 2, status: 503 })
  await expect(client.getCredentialList()).resolves.toBeDefined()
})
