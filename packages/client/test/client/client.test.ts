import { describe, expect, it } from 'vitest'
import { createCredentialsClient, ValidationError } from '../../src/index.js'
import {
  API_KEY,
  API_SECRET,
  BASE_URL,
  json,
  scriptedFetch,
  verifyAuthorization,
} from '../helpers/scripted-fetch.js'

const KEYS = { apiKey: 'NEWKEY0000000001', apiSecret: 'NEWSECRET0000000000000000000000X' }
const INFO = {
  apiKey: API_KEY,
  apiSecret: API_SECRET,
  credentialStatus: 'active',
  dateCreated: '2017-07-02T13:19:46.702Z',
}
const RESULT = { apiKey: API_KEY, resultCode: 'Success' }
const LIST = { credentials: { [API_KEY]: { ...INFO, apiKey: undefined } } }

function clientWith(fetch: (request: Request) => Promise<Response>, extra = {}) {
  return createCredentialsClient({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    baseUrl: BASE_URL,
    fetch,
    ...extra,
  })
}

describe('operations', () => {
  const cases = [
    ['createCredential', [], {}, KEYS],
    ['getCredentialInfo', [API_KEY], { apiKey: API_KEY }, INFO],
    ['regenerateSecretKey', [API_KEY], { apiKey: API_KEY }, KEYS],
    ['getCredentialList', [], {}, LIST],
    [
      'updateCredentialStatus',
      [API_KEY, 'inactive'],
      { apiKey: API_KEY, credentialStatus: 'inactive' },
      RESULT,
    ],
    ['deleteCredential', [API_KEY], { apiKey: API_KEY }, RESULT],
  ] as const

  it.each(cases)(
    '%s sends a signed POST with its JSON body and resolves to the 200 body',
    async (operation, args, body, reply) => {
      const { fetch, sent } = scriptedFetch(json(200, reply))
      const client = clientWith(fetch)
      // biome-ignore lint/suspicious/noExplicitAny: the table spans every method's signature
      const result = await (client[operation] as (...a: any[]) => Promise<unknown>)(...args)
      expect(result).toEqual(JSON.parse(JSON.stringify(reply)))
      expect(sent).toHaveLength(1)
      expect(sent[0]?.method).toBe('POST')
      expect(sent[0]?.url).toBe(`${BASE_URL}/credentials/${operation}`)
      expect(sent[0]?.headers.get('Content-Type')).toBe('application/json')
      expect(sent[0]?.body).toEqual(body)
      const auth = verifyAuthorization(sent[0]?.authorization ?? '', API_SECRET)
      expect(auth).toMatchObject({ algorithm: 'HMAC-SHA256', apiKey: API_KEY, valid: true })
    },
  )

  it('signs with HMAC-MD5 when asked', async () => {
    const { fetch, sent } = scriptedFetch(json(200, LIST))
    await clientWith(fetch, { algorithm: 'HMAC-MD5' }).getCredentialList()
    expect(verifyAuthorization(sent[0]?.authorization ?? '', API_SECRET)).toMatchObject({
      algorithm: 'HMAC-MD5',
      valid: true,
    })
  })

  it('returns bodies that carry apiSecret to the caller unchanged', async () => {
    const { fetch } = scriptedFetch(json(200, INFO))
    expect((await clientWith(fetch).getCredentialInfo(API_KEY)).apiSecret).toBe(API_SECRET)
  })

  it('exposes the raw openapi-fetch client with signing installed', async () => {
    const { fetch, sent } = scriptedFetch(
      json(200, LIST),
      json(404, { apiKey: 'X', resultCode: 'ResourceNotFound' }),
    )
    const client = clientWith(fetch)
    const ok = await client.raw.POST('/credentials/getCredentialList', { body: {} })
    expect(ok.data?.credentials).toHaveProperty(API_KEY)
    const missing = await client.raw.POST('/credentials/getCredentialInfo', {
      body: { apiKey: 'X' },
    })
    expect(missing.error).toEqual({ apiKey: 'X', resultCode: 'ResourceNotFound' })
    expect(missing.response.status).toBe(404)
    for (const request of sent)
      expect(verifyAuthorization(request.authorization, API_SECRET).valid).toBe(true)
  })

  it('sends extra headers, trims a trailing slash of baseUrl, and always signs', async () => {
    const { fetch, sent } = scriptedFetch(json(200, LIST))
    const client = createCredentialsClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      baseUrl: `${BASE_URL}/`,
      fetch,
      headers: { Prefer: 'code=200', Authorization: 'forged' },
    })
    await client.getCredentialList()
    expect(sent[0]?.url).toBe(`${BASE_URL}/credentials/getCredentialList`)
    expect(sent[0]?.headers.get('Prefer')).toBe('code=200')
    expect(verifyAuthorization(sent[0]?.authorization ?? '', API_SECRET).valid).toBe(true)
  })

  it('defaults baseUrl to the spec production server', async () => {
    const { fetch, sent } = scriptedFetch(json(200, LIST))
    await createCredentialsClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      fetch,
    }).getCredentialList()
    expect(sent[0]?.url).toBe('https://solapi.com/credentials/getCredentialList')
  })
})

describe('bad arguments', () => {
  it.each([
    ['getCredentialInfo', ['']],
    ['regenerateSecretKey', [undefined]],
    ['deleteCredential', [42]],
    ['updateCredentialStatus', ['', 'active']],
  ] as const)('%s(%o) rejects naming apiKey before any request', async (operation, args) => {
    const { fetch, sent } = scriptedFetch(json(200, {}))
    const client = clientWith(fetch)
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong arguments
    const call = (client[operation] as (...a: any[]) => Promise<unknown>)(...args)
    await expect(call).rejects.toBeInstanceOf(ValidationError)
    await expect(call).rejects.toMatchObject({
      kind: 'validation',
      code: 'InvalidArgument',
      operation,
      errors: [{ field: 'apiKey', rule: 'minLength' }],
      message: `${operation}: apiKey must be a non-empty string (rule: minLength)`,
    })
    expect(sent).toHaveLength(0)
  })

  it('rejects a status outside active|inactive', async () => {
    const { fetch, sent } = scriptedFetch(json(200, {}))
    // @ts-expect-error 'on' is not a CredentialStatus
    const call = clientWith(fetch).updateCredentialStatus(API_KEY, 'on')
    await expect(call).rejects.toMatchObject({ errors: [{ field: 'status', rule: 'enum' }] })
    expect(sent).toHaveLength(0)
  })

  it.each([
    [{ apiKey: '' }, 'apiKey', 'minLength'],
    [{ apiSecret: '' }, 'apiSecret', 'minLength'],
    [{ algorithm: 'HMAC-SHA512' }, 'algorithm', 'enum'],
    [{ baseUrl: 'ftp://example.com' }, 'baseUrl', 'format'],
    [{ baseUrl: 'not a url' }, 'baseUrl', 'format'],
    [{ timeoutMs: 0 }, 'timeoutMs', 'range'],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, 'timeoutMs', 'range'],
    [{ retry: { limit: -1 } }, 'retry.limit', 'minimum'],
    [{ retry: { baseDelayMs: 1.5 } }, 'retry.baseDelayMs', 'minimum'],
    [
      { retry: { policies: { sendMessage: 'never' } } },
      'retry.policies.sendMessage',
      'propertyNames',
    ],
    [
      { retry: { policies: { createCredential: 'always' } } },
      'retry.policies.createCredential',
      'enum',
    ],
  ])('createCredentialsClient(%o) throws naming %s and %s', (override, field, rule) => {
    const options = { apiKey: API_KEY, apiSecret: API_SECRET, ...override } as Parameters<
      typeof createCredentialsClient
    >[0]
    expect(() => createCredentialsClient(options)).toThrow(ValidationError)
    try {
      createCredentialsClient(options)
    } catch (error) {
      expect((error as ValidationError).errors).toEqual([
        { field, rule, message: expect.any(String) },
      ])
      expect((error as ValidationError).message).toMatch(
        new RegExp(`^createCredentialsClient: ${field} `),
      )
    }
  })

  it('rejects a bad per-call timeoutMs before any request', async () => {
    const { fetch, sent } = scriptedFetch(json(200, LIST))
    await expect(clientWith(fetch).getCredentialList({ timeoutMs: -5 })).rejects.toMatchObject({
      errors: [{ field: 'timeoutMs', rule: 'range' }],
    })
    expect(sent).toHaveLength(0)
  })
})
