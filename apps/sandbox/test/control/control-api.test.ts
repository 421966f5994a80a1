import { createCredentialsClient, NotFoundError } from '@solapi/credentials-client'
import { credentialsContract } from '@solapi/credentials-spec'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SandboxControlError } from '../../src/control-client.js'
import { type RunningSandbox, startSandbox } from '../../src/start-sandbox.js'
import { ownStore } from '../support/backend.js'
import { controlResponseErrors } from '../support/control-spec.js'
import { clientHeader, partsOf, post, signedPost } from '../support/signing.js'

let sandbox: RunningSandbox

beforeAll(async () => {
  sandbox = await startSandbox(await ownStore())
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.control.resetSandbox())

/** A control request as any HTTP tool sends it; its status and parsed body. */
async function send(
  method: string,
  path: string,
  init: { body?: string; token?: string | null; authorization?: string; type?: string } = {},
) {
  const headers: Record<string, string> = {}
  if (init.token !== null) headers.authorization = `Bearer ${init.token ?? sandbox.controlToken}`
  if (init.authorization) headers.authorization = init.authorization
  if (init.body !== undefined) headers['content-type'] = init.type ?? 'application/json'
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    headers,
    ...(init.body !== undefined ? { body: init.body } : {}),
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : null,
  }
}

const bootstrapClient = () =>
  createCredentialsClient({
    apiKey: sandbox.apiKey,
    apiSecret: sandbox.apiSecret,
    baseUrl: sandbox.url,
    retry: false,
  })

describe('control API authentication', () => {
  it('refuses a missing token with 401 MissingControlToken', async () => {
    const response = await send('POST', '/reset', { token: null })
    expect(response.status).toBe(401)
    expect(response.body.errorCode).toBe('MissingControlToken')
    expect(controlResponseErrors('resetSandbox', 401, response.body)).toEqual([])
  })

  it('refuses a wrong token with 401 InvalidControlToken, and never echoes a token', async () => {
    const wrong = `${sandbox.controlToken.slice(0, -1)}${sandbox.controlToken.endsWith('A') ? 'B' : 'A'}`
    const response = await send('POST', '/faults', {
      token: wrong,
      body: '{"times":1,"status":503}',
    })
    expect(response.status).toBe(401)
    expect(response.body.errorCode).toBe('InvalidControlToken')
    expect(JSON.stringify(response.body)).not.toContain(wrong)
    expect(await sandbox.control.listFaults()).toEqual([])
  })

  it('never accepts an HMAC header, even one the Credentials API accepts', async () => {
    const hmac = clientHeader(sandbox)
    const response = await send('GET', '/clock', { authorization: hmac })
    expect(response.status).toBe(401)
    expect(response.body.errorCode).toBe('InvalidControlToken')
  })

  it('is not accepted by the Credentials API: the control token is no credential', async () => {
    const response = await post(
      sandbox.url,
      '/credentials/getCredentialList',
      {},
      {
        authorization: `Bearer ${sandbox.controlToken}`,
      },
    )
    expect(response.status).toBe(401)
    expect(response.body.errorCode).toBe('MalformedAuthorization')
    expect(JSON.stringify(response.body)).not.toContain(sandbox.controlToken)
  })

  it('answers a known path with another method 405, naming the methods it takes', async () => {
    const response = await send('GET', '/reset')
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
    expect(response.body.errorCode).toBe('MethodNotAllowed')
  })
})

describe('control API bad input', () => {
  const operations = credentialsContract.operations.map((op) => op.operationId)

  it('refuses an unknown fault operation with 400, naming the field, the rule and the allowed ones', async () => {
    const response = await send('POST', '/faults', {
      body: JSON.stringify({ operation: 'dropCredential', times: 1, status: 503 }),
    })
    expect(response.status).toBe(400)
    expect(response.body.errorCode).toBe('ValidationError')
    expect(response.body.errors).toEqual([
      {
        field: '/operation',
        rule: 'enum',
        message: `must be one of ${operations.map((op) => JSON.stringify(op)).join(', ')}`,
      },
    ])
    expect(response.body.errorMessage).toContain('/operation must be one of "createCredential"')
    expect(controlResponseErrors('addFault', 400, response.body)).toEqual([])
    expect(await sandbox.control.listFaults()).toEqual([])
  })

  it.each([
    ['times 0', { times: 0, status: 503 }, '/times', 'minimum'],
    ['a status no fault may answer', { times: 1, status: 404 }, '/status', 'enum'],
    ['an unknown field', { times: 1, status: 503, extra: true }, '/extra', 'additionalProperties'],
    ['no times', { status: 503 }, '/times', 'required'],
    ['status and drop together', { times: 1, status: 503, drop: true }, '/drop', 'not'],
    [
      'retryAfter without a status',
      { times: 1, drop: true, retryAfter: 1 },
      '/retryAfter',
      'dependentRequired',
    ],
    ['a rule that changes nothing', { times: 1 }, '', 'anyOf'],
    ['a negative delay', { times: 1, delayMs: -1 }, '/delayMs', 'minimum'],
  ])('refuses a fault rule with %s, and adds nothing', async (_, rule, field, ruleName) => {
    const response = await send('POST', '/faults', { body: JSON.stringify(rule) })
    expect(response.status).toBe(400)
    expect(response.body.errors).toContainEqual(expect.objectContaining({ field, rule: ruleName }))
    expect(controlResponseErrors('addFault', 400, response.body)).toEqual([])
    expect(await sandbox.control.listFaults()).toEqual([])
  })

  it.each([
    ['an offset and an instant at once', { offsetMs: 1, frozenAt: '2026-03-01T12:00:00Z' }],
    ['an instant that is no date-time', { frozenAt: 'tomorrow' }],
    ['an offset that is not a whole number', { offsetMs: 1.5 }],
    ['nothing', {}],
  ])('refuses a clock setting with %s, and leaves the clock alone', async (_, setting) => {
    const before = await sandbox.control.getClock()
    const response = await send('PUT', '/clock', { body: JSON.stringify(setting) })
    expect(response.status).toBe(400)
    expect(response.body.errorCode).toBe('ValidationError')
    expect(response.body.errors.length).toBeGreaterThan(0)
    expect(controlResponseErrors('setClock', 400, response.body)).toEqual([])
    const after = await sandbox.control.getClock()
    expect([after.frozen, Math.abs(after.offsetMs) < 1000]).toEqual([before.frozen, true])
  })

  it('refuses a body that is not JSON, or not sent as JSON', async () => {
    const notJson = await send('POST', '/accounts', { body: '{"apiKey": ' })
    expect([notJson.status, notJson.body.errorCode]).toEqual([400, 'InvalidJSON'])
    const text = await send('POST', '/accounts', { body: '{}', type: 'text/plain' })
    // 415, as the Credentials API answers the same mistake.
    expect([text.status, text.body]).toEqual([
      415,
      {
        errorCode: 'UnsupportedMediaType',
        errorMessage: 'Content-Type must be application/json, got text/plain.',
      },
    ])
    expect(controlResponseErrors('createAccount', 415, text.body)).toEqual([])
    const empty = await send('PUT', '/clock', { body: '' })
    expect([empty.status, empty.body.errorCode]).toEqual([400, 'InvalidJSON'])
    expect(controlResponseErrors('createAccount', 400, notJson.body)).toEqual([])
  })

  it.each([
    ['0', 'minimum'],
    ['1001', 'maximum'],
    ['ten', 'type'],
    ['2.5', 'type'],
  ])('refuses ?limit=%s naming the parameter and the rule', async (limit, rule) => {
    const response = await send('GET', `/requests?limit=${limit}`)
    expect(response.status).toBe(400)
    expect(response.body.errors).toEqual([expect.objectContaining({ field: '/limit', rule })])
    expect(response.body.errorMessage).toMatch(/^Query parameter limit is invalid: \/limit /)
    expect(controlResponseErrors('listRequests', 400, response.body)).toEqual([])
  })

  it('refuses a fixture for an account that does not exist (404) or a key that exists (409)', async () => {
    const fixture = { apiKey: 'NCSFIXTURE000001', apiSecret: 'FIXTURESECRET0000000000000000001' }
    const missing = await send('POST', '/credentials', {
      body: JSON.stringify({ accountId: 'acct_9', ...fixture }),
    })
    expect([missing.status, missing.body]).toEqual([
      404,
      { errorCode: 'AccountNotFound', errorMessage: 'No account acct_9.' },
    ])
    expect(controlResponseErrors('seedCredential', 404, missing.body)).toEqual([])
    const taken = await send('POST', '/credentials', {
      body: JSON.stringify({
        accountId: 'acct_1',
        apiKey: sandbox.apiKey,
        apiSecret: fixture.apiSecret,
      }),
    })
    expect([taken.status, taken.body.errorCode]).toEqual([409, 'ApiKeyTaken'])
    expect(controlResponseErrors('seedCredential', 409, taken.body)).toEqual([])
    const account = await send('POST', '/accounts', {
      body: JSON.stringify({ apiKey: sandbox.apiKey }),
    })
    expect([account.status, account.body.errorCode]).toEqual([409, 'ApiKeyTaken'])
    expect(Object.keys((await bootstrapClient().getCredentialList()).credentials)).toEqual([
      sandbox.apiKey,
    ])
  })

  it('throws a SandboxControlError with the status, code and field errors from the typed client', async () => {
    const error = await sandbox.control
      .addFault({ times: 0 } as never)
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(SandboxControlError)
    expect(error).toMatchObject({ status: 400, errorCode: 'ValidationError' })
    expect((error as SandboxControlError).errors).toContainEqual(
      expect.objectContaining({ field: '/times', rule: 'minimum' }),
    )
  })
})

describe('accounts and fixtures', () => {
  it('creates an account with one active credential that signs for that account only', async () => {
    const response = await send('POST', '/accounts')
    expect(response.status).toBe(201)
    expect(controlResponseErrors('createAccount', 201, response.body)).toEqual([])
    expect(response.body.accountId).toBe('acct_2')
    const own = createCredentialsClient({ ...response.body, baseUrl: sandbox.url, retry: false })
    const list = await own.getCredentialList()
    expect(Object.keys(list.credentials)).toEqual([response.body.apiKey])
    expect(list.credentials[response.body.apiKey]).toMatchObject({ credentialStatus: 'active' })
  })

  it('creates an account with the key and secret given', async () => {
    const keys = { apiKey: 'NCSGIVENKEY00001', apiSecret: 'GIVENSECRET000000000000000000001' }
    const account = await sandbox.control.createAccount(keys)
    expect(account).toEqual({ accountId: 'acct_2', ...keys })
    expect((await signedPost(sandbox.url, '/credentials/getCredentialList', {}, keys)).status).toBe(
      200,
    )
  })

  it('seeds a fixture exactly as given: status, date and secret', async () => {
    const fixture = {
      accountId: 'acct_1',
      apiKey: 'NCSOGH0TB3PDIGV1',
      apiSecret: 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B',
      credentialStatus: 'inactive' as const,
      dateCreated: '2017-07-02T13:20:22.784Z',
    }
    const response = await send('POST', '/credentials', { body: JSON.stringify(fixture) })
    expect(response.status).toBe(201)
    expect(controlResponseErrors('seedCredential', 201, response.body)).toEqual([])
    const { apiSecret, ...shown } = fixture
    expect(response.body).toEqual(shown)
    expect(JSON.stringify(response.body)).not.toContain(apiSecret)
    expect(await bootstrapClient().getCredentialInfo(fixture.apiKey)).toEqual({
      apiKey: fixture.apiKey,
      apiSecret,
      credentialStatus: 'inactive',
      dateCreated: fixture.dateCreated,
    })
  })
})

describe('reset', () => {
  it('removes every account and key, brings the bootstrap back, and clears the rest', async () => {
    const client = bootstrapClient()
    const created = await client.createCredential()
    const other = await sandbox.control.createAccount()
    await sandbox.control.setClock({ offsetMs: 3_600_000 })
    await sandbox.control.addFault({ operation: 'deleteCredential', times: 5, status: 500 })
    const header = clientHeader(sandbox)
    expect(
      (await post(sandbox.url, '/credentials/getCredentialList', {}, { authorization: header }))
        .status,
    ).toBe(403)
    await sandbox.control.restoreClock()
    expect(
      (await post(sandbox.url, '/credentials/getCredentialList', {}, { authorization: header }))
        .status,
    ).toBe(200)
    await sandbox.control.setClock({ offsetMs: 3_600_000 })

    const response = await send('POST', '/reset')
    expect([response.status, response.body]).toEqual([204, null])

    expect(Object.keys((await client.getCredentialList()).credentials)).toEqual([sandbox.apiKey])
    await expect(client.getCredentialInfo(created.apiKey)).rejects.toBeInstanceOf(NotFoundError)
    const gone = await signedPost(sandbox.url, '/credentials/getCredentialList', {}, other)
    expect(gone.body.errorCode).toBe('InvalidAPIKey')
    expect((await sandbox.control.getClock()).frozen).toBe(false)
    expect(Math.abs((await sandbox.control.getClock()).offsetMs)).toBeLessThan(1000)
    expect(await sandbox.control.listFaults()).toEqual([])
    // Replay memory is cleared: the header accepted before the reset is accepted once more.
    expect(
      (await post(sandbox.url, '/credentials/getCredentialList', {}, { authorization: header }))
        .status,
    ).toBe(200)
    expect((await sandbox.control.createAccount()).accountId).toBe('acct_2')
    const journal = await sandbox.control.listRequests()
    // The journal holds only what came after the reset, newest first.
    expect(journal.map((entry) => [entry.operation, entry.status, entry.errorCode])).toEqual([
      ['getCredentialList', 200, null],
      ['getCredentialList', 403, 'InvalidAPIKey'],
      ['getCredentialInfo', 404, 'ResourceNotFound'],
      ['getCredentialList', 200, null],
    ])
  })
})

describe('the clock', () => {
  it('moves by an offset, freezes at an instant and comes back, as the spec documents', async () => {
    const ahead = await send('PUT', '/clock', { body: JSON.stringify({ offsetMs: 1_200_000 }) })
    expect(ahead.status).toBe(200)
    expect(controlResponseErrors('setClock', 200, ahead.body)).toEqual([])
    expect(ahead.body.frozen).toBe(false)
    expect(Math.abs(ahead.body.offsetMs - 1_200_000)).toBeLessThan(1000)
    expect(Math.abs(Date.parse(ahead.body.now) - (Date.now() + 1_200_000))).toBeLessThan(1000)

    const frozen = await send('PUT', '/clock', {
      body: JSON.stringify({ frozenAt: '2026-03-01T12:00:00Z' }),
    })
    expect(frozen.body).toMatchObject({ now: '2026-03-01T12:00:00.000Z', frozen: true })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect((await sandbox.control.getClock()).now).toBe('2026-03-01T12:00:00.000Z')
    // A request signed with the real time is far from a frozen March: refused.
    const refused = await signedPost(sandbox.url, '/credentials/getCredentialList', {}, sandbox)
    expect([refused.status, refused.body.errorCode]).toEqual([403, 'RequestTimeTooSkewed'])
    expect(refused.headers.get('date')).toBe('Sun, 01 Mar 2026 12:00:00 GMT')

    const restored = await send('DELETE', '/clock')
    expect(controlResponseErrors('restoreClock', 200, restored.body)).toEqual([])
    expect(restored.body.frozen).toBe(false)
    expect(Math.abs(restored.body.offsetMs)).toBeLessThan(1000)
  })

  it('drives dateCreated and the Date header', async () => {
    await sandbox.control.setClock({ frozenAt: new Date(Date.now() + 600_000).toISOString() })
    const frozenAt = Date.parse((await sandbox.control.getClock()).now)
    const created = await signedPost(sandbox.url, '/credentials/createCredential', {}, sandbox)
    expect(created.status).toBe(200)
    expect(Date.parse(String(created.headers.get('date')))).toBe(Math.floor(frozenAt / 1000) * 1000)
    const info = await bootstrapClient().getCredentialInfo(String(created.body.apiKey))
    expect(info.dateCreated).toBe(new Date(frozenAt).toISOString())
  })
})

describe('the request journal', () => {
  it('lists the last requests newest first, signatures masked, no secret anywhere', async () => {
    const header = clientHeader(sandbox)
    const created = await post(
      sandbox.url,
      '/credentials/createCredential',
      {},
      { authorization: header },
    )
    await post(
      sandbox.url,
      '/credentials/getCredentialInfo',
      { apiKey: created.body.apiKey },
      {
        authorization: header,
      },
    )
    await post(sandbox.url, '/credentials/nope', {}, {})
    await post(
      sandbox.url,
      '/credentials/getCredentialList',
      {},
      { authorization: 'HMAC-SHA256 oops' },
    )
    const response = await send('GET', '/requests?limit=10')
    expect(response.status).toBe(200)
    expect(controlResponseErrors('listRequests', 200, response.body)).toEqual([])
    const parts = partsOf(header)
    const masked = credentialsContract.formatAuthorization({ ...parts, signature: '***' })
    expect(response.body.requests).toEqual([
      {
        time: expect.any(String),
        method: 'POST',
        path: '/credentials/getCredentialList',
        operation: 'getCredentialList',
        status: 401,
        errorCode: 'MalformedAuthorization',
        apiKey: null,
        authorization: null,
      },
      expect.objectContaining({
        path: '/credentials/nope',
        operation: null,
        status: 404,
        errorCode: 'NotFound',
        apiKey: null,
      }),
      expect.objectContaining({
        operation: 'getCredentialInfo',
        status: 403,
        errorCode: 'DuplicatedSignature',
        apiKey: sandbox.apiKey,
        authorization: masked,
      }),
      expect.objectContaining({
        operation: 'createCredential',
        status: 200,
        errorCode: null,
        apiKey: sandbox.apiKey,
        authorization: masked,
      }),
    ])
    const text = JSON.stringify(response.body)
    for (const secret of [
      parts.signature,
      sandbox.apiSecret,
      String(created.body.apiSecret),
      sandbox.controlToken,
    ]) {
      expect(text).not.toContain(secret)
    }
    expect(await sandbox.control.listRequests({ limit: 1 })).toHaveLength(1)
  })

  it('keeps at most 1,000 entries and gives 100 by default', async () => {
    // 1,010 requests, 50 at a time: all at once, fetch opens 1,010 connections together, past
    // node:http's listen backlog (511), and while the sandbox's process is busy some are reset
    // (ECONNRESET) before they are accepted.
    for (let sent = 0; sent < 1010; sent += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, 1010 - sent) }, () =>
          post(sandbox.url, '/credentials/nope', {}, {}),
        ),
      )
    }
    expect(await sandbox.control.listRequests()).toHaveLength(100)
    expect(await sandbox.control.listRequests({ limit: 1000 })).toHaveLength(1000)
  })
})

describe('fault rules', () => {
  it('lists what remains of each rule, oldest first, and clears them', async () => {
    const first = await send('POST', '/faults', {
      body: JSON.stringify({
        operation: 'getCredentialList',
        times: 2,
        status: 503,
        retryAfter: 1,
      }),
    })
    expect(first.status).toBe(201)
    expect(controlResponseErrors('addFault', 201, first.body)).toEqual([])
    expect(first.body).toEqual({
      id: expect.stringMatching(/^fault_\d+$/),
      operation: 'getCredentialList',
      times: 2,
      remaining: 2,
      status: 503,
      retryAfter: 1,
    })
    await sandbox.control.addFault({ times: 1, delayMs: 10 })
    const faulted = await signedPost(sandbox.url, '/credentials/getCredentialList', {}, sandbox)
    expect([faulted.status, faulted.headers.get('retry-after')]).toEqual([503, '1'])
    expect(faulted.body).toEqual({
      errorCode: 'ServiceUnavailable',
      errorMessage: `The service is temporarily unavailable (sandbox ${first.body.id}); retry after 1 seconds.`,
    })
    const listed = await send('GET', '/faults')
    expect(controlResponseErrors('listFaults', 200, listed.body)).toEqual([])
    expect(listed.body.faults.map((f: { remaining: number }) => f.remaining)).toEqual([1, 1])
    const cleared = await send('DELETE', '/faults')
    expect(cleared.status).toBe(204)
    expect(await sandbox.control.listFaults()).toEqual([])
  })

  it.each([
    [429, 'TooManyRequests'],
    [500, 'InternalError'],
    [502, 'BadGateway'],
    [503, 'ServiceUnavailable'],
    [504, 'GatewayTimeout'],
  ] as const)(
    'answers %i in the spec error shape, after authentication and before any write',
    async (status, code) => {
      await sandbox.control.addFault({ times: 1, status })
      const unsigned = await post(sandbox.url, '/credentials/createCredential', {}, {})
      expect(unsigned.status).toBe(401)
      const faulted = await signedPost(sandbox.url, '/credentials/createCredential', {}, sandbox)
      expect([faulted.status, faulted.body.errorCode]).toEqual([status, code])
      expect(
        credentialsContract.validator().response('createCredential', status, faulted.body).errors,
      ).toEqual([])
      expect(Object.keys((await bootstrapClient().getCredentialList()).credentials)).toEqual([
        sandbox.apiKey,
      ])
    },
  )

  it('matches its operation only, and applies the first matching rule first', async () => {
    await sandbox.control.addFault({ operation: 'deleteCredential', times: 1, status: 500 })
    await sandbox.control.addFault({ times: 1, status: 502 })
    await sandbox.control.addFault({ operation: 'getCredentialList', times: 1, status: 504 })
    const list = () => signedPost(sandbox.url, '/credentials/getCredentialList', {}, sandbox)
    expect((await list()).status).toBe(502)
    expect((await list()).status).toBe(504)
    expect((await list()).status).toBe(200)
    expect((await sandbox.control.listFaults()).map((f) => f.operation)).toEqual([
      'deleteCredential',
    ])
  })
})
