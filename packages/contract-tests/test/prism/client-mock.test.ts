// Client × Prism mock: every operation × every documented response, selected with `Prefer`,
// through the real client against the real mock app. A 200 must resolve to the documented
// example; every other status must reject with the typed error the client maps it to.
import {
  ApiError,
  AuthError,
  type CredentialsClient,
  CredentialsError,
  createCredentialsClient,
  NotFoundError,
  ValidationError,
} from '@solapi/credentials-client'
import { credentialsContract, type Media, responseFor } from '@solapi/credentials-spec'
import { describe, expect, inject, it } from 'vitest'

const mockUrl = inject('mockUrl')
const credential = { apiKey: 'NCSOGH0TB3PDIGV1', apiSecret: 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B' }

type Json = Record<string, unknown>

/** A client whose every request asks Prism for one documented response. */
function clientPreferring(prefer: string): CredentialsClient {
  return createCredentialsClient({
    ...credential,
    baseUrl: mockUrl,
    fetch: (request) => {
      const preferring = new Request(request)
      preferring.headers.set('Prefer', prefer)
      return fetch(preferring)
    },
  })
}

/** Calls the client method of an operation with the arguments of its first request example. */
function call(client: CredentialsClient, operationId: string, body: Json): Promise<unknown> {
  const apiKey = body.apiKey as string
  switch (operationId) {
    case 'createCredential':
      return client.createCredential()
    case 'getCredentialInfo':
      return client.getCredentialInfo(apiKey)
    case 'regenerateSecretKey':
      return client.regenerateSecretKey(apiKey)
    case 'getCredentialList':
      return client.getCredentialList()
    case 'updateCredentialStatus':
      return client.updateCredentialStatus(apiKey, body.credentialStatus as 'active' | 'inactive')
    case 'deleteCredential':
      return client.deleteCredential(apiKey)
    default:
      throw new Error(`The suite has no client call for ${operationId}: add one`)
  }
}

const EXPECTED_CLASS: Record<number, typeof ApiError> = {
  400: ValidationError,
  401: AuthError,
  403: AuthError,
  404: NotFoundError,
}

const jsonOf = (media: Record<string, Media>, what: string): Media => {
  const json = media['application/json']
  if (!json) throw new Error(`${what} documents no application/json body`)
  return json
}

const cases = credentialsContract.operations.flatMap((op) => {
  const requestMedia = jsonOf(op.requestBody?.content ?? {}, `${op.operationId} request`)
  const [requestBody] = Object.values(requestMedia.examples) as Json[]
  return Object.values(op.responses).flatMap(({ status, content }) => {
    const media = jsonOf(content, `${op.operationId} ${status}`)
    return Object.entries(media.examples).map(([exampleName, example]) => ({
      title: `${op.operationId} ${status} ${exampleName}`,
      operationId: op.operationId,
      status: Number(status),
      prefer: `code=${status}, example=${exampleName}`,
      requestBody: requestBody as Json,
      expected: example as Json,
    }))
  })
})

// The mock keeps no state: cases run side by side, so that the ones the client retries (429 and
// 503, each waiting for Retry-After) do not wait for one another.
describe.concurrent('client × Prism mock', () => {
  it('covers every documented response of all six operations', () => {
    expect(new Set(cases.map((c) => c.operationId)).size).toBe(6)
    expect(cases.length).toBeGreaterThanOrEqual(6 * 5)
  })

  it.each(cases.filter((c) => c.status === 200))(
    '$title resolves to the documented example',
    async ({ operationId, prefer, requestBody, expected }) => {
      await expect(call(clientPreferring(prefer), operationId, requestBody)).resolves.toEqual(
        expected,
      )
    },
  )

  it.each(cases.filter((c) => c.status !== 200))(
    '$title rejects with the typed error carrying status, code and body',
    async ({ operationId, status, prefer, requestBody, expected }) => {
      const error = await call(clientPreferring(prefer), operationId, requestBody).then(
        () => expect.unreachable(`${operationId} resolved on a ${status}`),
        (rejection: unknown) => rejection,
      )
      expect(error).toBeInstanceOf(CredentialsError)
      expect(error).toBeInstanceOf(EXPECTED_CLASS[status] ?? ApiError)
      const apiError = error as ApiError
      expect(apiError.status).toBe(status)
      expect(apiError.code).toBe(expected.errorCode ?? expected.resultCode)
      expect(apiError.body).toEqual(expected)
      expect(apiError.message).toContain(operationId)
      expect(apiError.message).toContain(String(status))
      expect(apiError.message).not.toContain(credential.apiSecret)
    },
  )
})

describe('the mock rejects what the spec forbids', () => {
  const client = createCredentialsClient({ ...credential, baseUrl: mockUrl })
  /** What Prism serves first for a documented status of the operation at `path`. */
  const firstExample = (path: string, status: number) => {
    const op = credentialsContract.operations.find((o) => o.path === path)
    const media = op && responseFor(op, status)?.content['application/json']
    if (!media) throw new Error(`${path} documents no JSON ${status}`)
    return Object.values(media.examples)[0]
  }

  it.each([
    ['an apiKey out of pattern', '/credentials/getCredentialInfo', { apiKey: 'lowercase' }],
    [
      'a missing required field',
      '/credentials/updateCredentialStatus',
      { apiKey: 'NCSOGH0TB3PDIGV1' },
    ],
    ['an unknown field', '/credentials/createCredential', { name: 'extra' }],
    [
      'a status outside the enum',
      '/credentials/updateCredentialStatus',
      { apiKey: 'NCSOGH0TB3PDIGV1', credentialStatus: 'on' },
    ],
  ] as const)('answers a signed body with %s with the spec 400', async (_case, path, body) => {
    // biome-ignore lint/suspicious/noExplicitAny: deliberately off-spec bodies
    const { response, error } = await client.raw.POST(path as any, { body: body as any })
    expect(response.status).toBe(400)
    expect(error).toEqual(firstExample(path, 400))
  })

  it('answers a request with no Authorization header with the spec 401', async () => {
    const response = await fetch(`${mockUrl}/credentials/getCredentialList`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual(firstExample('/credentials/getCredentialList', 401))
  })
})

describe.concurrent('the client retries what the mock says to retry, then throws the typed error', () => {
  // Prism answers every request with the status asked for, so a client that retries keeps
  // getting it: the attempts are counted through an injected fetch.
  const RETRY_AFTER_SECONDS = 2

  it.each([
    [429, 'TooManyRequests'],
    [503, 'ServiceUnavailable'],
  ] as const)(
    '%i: retries its limit, each after Retry-After, then throws ApiError %s',
    async (status, code) => {
      const attempts: number[] = []
      const limit = 2
      const client = createCredentialsClient({
        ...credential,
        baseUrl: mockUrl,
        retry: { limit },
        fetch: (request) => {
          attempts.push(performance.now())
          const preferring = new Request(request)
          preferring.headers.set('Prefer', `code=${status}`)
          return fetch(preferring)
        },
      })
      const error = await client.getCredentialInfo(credential.apiKey).then(
        () => expect.unreachable(`getCredentialInfo resolved on a ${status}`),
        (rejection: unknown) => rejection,
      )
      expect(attempts).toHaveLength(1 + limit)
      // The backoff alone would wait under 300 ms: the gaps are Retry-After's (the mock sends 2).
      for (const [index, at] of attempts.entries()) {
        if (index === 0) continue
        expect(at - (attempts[index - 1] as number)).toBeGreaterThanOrEqual(
          RETRY_AFTER_SECONDS * 1000 - 50,
        )
      }
      expect(error).toBeInstanceOf(ApiError)
      expect(error).not.toBeInstanceOf(AuthError)
      const apiError = error as ApiError
      expect([apiError.status, apiError.code]).toEqual([status, code])
      expect(apiError.message).not.toContain(credential.apiSecret)
    },
  )
})
