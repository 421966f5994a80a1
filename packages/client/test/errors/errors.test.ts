import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { isBrowser } from '../../src/client/browser-guard.js'
import {
  ApiError,
  AuthError,
  CredentialsError,
  createCredentialsClient,
  NetworkError,
  NotFoundError,
  TimeoutError,
  ValidationError,
} from '../../src/index.js'
import {
  API_KEY,
  API_SECRET,
  BASE_URL,
  connectionRefused,
  hang,
  json,
  type Reply,
  scriptedFetch,
  verifyAuthorization,
} from '../helpers/scripted-fetch.js'

const URL_INFO = `${BASE_URL}/credentials/getCredentialInfo`

function failing(reply: Reply, extra = {}) {
  const { fetch, sent } = scriptedFetch(reply)
  const client = createCredentialsClient({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    baseUrl: BASE_URL,
    fetch,
    retry: false,
    ...extra,
  })
  return { client, sent }
}

async function rejection(promise: Promise<unknown>): Promise<CredentialsError> {
  try {
    await promise
  } catch (error) {
    return error as CredentialsError
  }
  throw new Error('expected a rejection')
}

const documented = [
  [
    400,
    {
      errorCode: 'ValidationError',
      errorMessage: 'm',
      errors: [{ field: '/apiKey', rule: 'pattern', message: 'x' }],
    },
    ValidationError,
    'validation',
    'ValidationError',
  ],
  [
    400,
    { errorCode: 'InvalidJSON', errorMessage: 'm' },
    ValidationError,
    'validation',
    'InvalidJSON',
  ],
  [
    401,
    { errorCode: 'MissingAuthorization', errorMessage: 'm' },
    AuthError,
    'auth',
    'MissingAuthorization',
  ],
  [
    401,
    { errorCode: 'MalformedAuthorization', errorMessage: 'm' },
    AuthError,
    'auth',
    'MalformedAuthorization',
  ],
  [403, { errorCode: 'InvalidAPIKey', errorMessage: 'm' }, AuthError, 'auth', 'InvalidAPIKey'],
  [
    403,
    { errorCode: 'SignatureDoesNotMatch', errorMessage: 'm' },
    AuthError,
    'auth',
    'SignatureDoesNotMatch',
  ],
  [
    403,
    { errorCode: 'DuplicatedSignature', errorMessage: 'm' },
    AuthError,
    'auth',
    'DuplicatedSignature',
  ],
  [
    403,
    { errorCode: 'RequestTimeTooSkewed', errorMessage: 'm' },
    AuthError,
    'auth',
    'RequestTimeTooSkewed',
  ],
  [
    404,
    { apiKey: 'X', resultCode: 'ResourceNotFound' },
    NotFoundError,
    'not-found',
    'ResourceNotFound',
  ],
  [
    409,
    { errorCode: 'LastActiveCredential', errorMessage: 'm' },
    ApiError,
    'api',
    'LastActiveCredential',
  ],
  [413, { errorCode: 'PayloadTooLarge', errorMessage: 'm' }, ApiError, 'api', 'PayloadTooLarge'],
  [
    415,
    { errorCode: 'UnsupportedMediaType', errorMessage: 'm' },
    ApiError,
    'api',
    'UnsupportedMediaType',
  ],
  [429, { errorCode: 'TooManyRequests', errorMessage: 'm' }, ApiError, 'api', 'TooManyRequests'],
  [500, 'upstream exploded', ApiError, 'api', 'UnexpectedResponse'],
] as const

describe('error mapping', () => {
  it.each(documented)(
    '%i %o rejects with its class, kind and code',
    async (status, body, Class, kind, code) => {
      const { client } = failing(
        typeof body === 'string' ? new Response(body, { status }) : json(status, body),
      )
      const error = await rejection(client.getCredentialInfo('X'))
      expect(error).toBeInstanceOf(Class)
      expect(error).toBeInstanceOf(ApiError)
      expect(error).toBeInstanceOf(CredentialsError)
      expect(error).toBeInstanceOf(Error)
      expect(error).toMatchObject({ kind, status, code, body, operation: 'getCredentialInfo' })
      expect(error.name).toBe(Class.name)
      expect(error.message).toBe(`getCredentialInfo POST ${URL_INFO} ${status} ${code}`)
    },
  )

  it('gives the field errors of a 400 on ValidationError#errors', async () => {
    const errors = [{ field: '/apiKey', rule: 'pattern', message: 'must match' }]
    const { client } = failing(
      json(400, { errorCode: 'ValidationError', errorMessage: 'm', errors }),
    )
    const error = (await rejection(client.getCredentialInfo('x'))) as ValidationError
    expect(error.errors).toEqual(errors)
  })

  it('rejects with NetworkError when fetch fails, keeping the cause', async () => {
    const cause = connectionRefused()
    const { client } = failing(cause)
    const error = await rejection(client.getCredentialList())
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ kind: 'network', unsent: true, cause })
    expect(error.message).toBe(
      `getCredentialList POST ${BASE_URL}/credentials/getCredentialList network error: fetch failed`,
    )
  })

  it('rejects with NetworkError when a 200 body is not JSON', async () => {
    const { client } = failing(new Response('<html>', { status: 200 }))
    const error = await rejection(client.getCredentialList())
    expect(error).toMatchObject({ kind: 'network', unsent: false })
  })

  it('rejects with TimeoutError when an attempt outlives timeoutMs', async () => {
    const { client } = failing(hang, { timeoutMs: 30 })
    const error = await rejection(client.getCredentialList())
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ kind: 'timeout', reason: 'timeout', timeoutMs: 30 })
    expect(error.message).toBe(
      `getCredentialList POST ${BASE_URL}/credentials/getCredentialList timed out after 30 ms`,
    )
  })

  it('narrows on the kind discriminant', async () => {
    const { client } = failing(json(404, { apiKey: 'X', resultCode: 'ResourceNotFound' }))
    const error = await rejection(client.getCredentialInfo('X'))
    if (error.kind === 'not-found') {
      const notFound: NotFoundError = error as NotFoundError
      expect(notFound.code).toBe('ResourceNotFound')
    } else {
      expect.unreachable(`kind was ${error.kind}`)
    }
  })
})

describe('secrets', () => {
  const SECRET = 'TOPSECRETTOPSECRETTOPSECRET12345'
  const shapes: [string, Reply, object][] = [
    ['api', json(403, { errorCode: 'SignatureDoesNotMatch', errorMessage: 'm' }), {}],
    ['not-found', json(404, { apiKey: 'X', resultCode: 'ResourceNotFound' }), {}],
    ['network', connectionRefused(), {}],
    ['timeout', hang, { timeoutMs: 20 }],
  ]

  it.each(shapes)(
    'a %s error shows neither the apiSecret nor the signature anywhere',
    async (_kind, reply, extra) => {
      const { fetch, sent } = scriptedFetch(reply)
      const client = createCredentialsClient({
        apiKey: API_KEY,
        apiSecret: SECRET,
        baseUrl: BASE_URL,
        fetch,
        retry: false,
        ...extra,
      })
      const error = await rejection(client.getCredentialInfo('X'))
      const signature = verifyAuthorization(sent[0]?.authorization ?? '', SECRET).signature
      expect(signature).toMatch(/^[0-9a-f]{64}$/)
      const renderings = [
        error.message,
        String(error),
        error.stack ?? '',
        JSON.stringify(error),
        inspect(error, { depth: 10, showHidden: true }),
        inspect(client, { depth: 10, showHidden: true }),
      ]
      for (const text of renderings) {
        expect(text).not.toContain(SECRET)
        expect(text).not.toContain(signature)
      }
      expect(JSON.parse(JSON.stringify(error))).toMatchObject({
        operation: 'getCredentialInfo',
        kind: error.kind,
      })
    },
  )

  it('a refused option names the option, never the secret', () => {
    let error: unknown
    try {
      createCredentialsClient({
        apiKey: API_KEY,
        apiSecret: SECRET,
        algorithm: 'nope' as 'HMAC-MD5',
      })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ValidationError)
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(SECRET)
    expect(JSON.stringify(error)).not.toContain(SECRET)
  })
})

describe('browser guard', () => {
  const page = { window: {}, document: {} }

  it('recognises a page and nothing else', () => {
    expect(isBrowser(page)).toBe(true)
    expect(isBrowser({ window: {} })).toBe(false)
    expect(isBrowser(globalThis)).toBe(false)
  })

  it('refuses to start in a page without dangerouslyAllowBrowser, and says why', async () => {
    const { assertBrowserAllowed } = await import('../../src/client/browser-guard.js')
    expect(() => assertBrowserAllowed(undefined, page)).toThrow(ValidationError)
    expect(() => assertBrowserAllowed(false, page)).toThrow(
      /dangerouslyAllowBrowser must be true.*apiSecret/,
    )
    expect(() => assertBrowserAllowed(true, page)).not.toThrow()
    expect(() => assertBrowserAllowed(undefined, {})).not.toThrow()
  })
})
