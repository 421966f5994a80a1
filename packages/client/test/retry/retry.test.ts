import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { backoffDelay, nextRetryDelay, parseRetryAfter } from '../../src/client/retry-policy.js'
import {
  type CredentialsClientOptions,
  createCredentialsClient,
  DEFAULT_RETRY_POLICIES,
  type OperationId,
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

const OK: Record<OperationId, unknown> = {
  createCredential: { apiKey: API_KEY, apiSecret: API_SECRET },
  getCredentialInfo: {
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    credentialStatus: 'active',
    dateCreated: '2017-07-02T13:19:46.702Z',
  },
  regenerateSecretKey: { apiKey: API_KEY, apiSecret: API_SECRET },
  getCredentialList: { credentials: {} },
  updateCredentialStatus: { apiKey: API_KEY, resultCode: 'Success' },
  deleteCredential: { apiKey: API_KEY, resultCode: 'Success' },
}

function clientWith(replies: Reply[], extra: Partial<CredentialsClientOptions> = {}) {
  const { fetch, sent } = scriptedFetch(...replies)
  const client = createCredentialsClient({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    baseUrl: BASE_URL,
    fetch,
    retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  })
  return { client, sent }
}

function call(client: ReturnType<typeof createCredentialsClient>, operation: OperationId) {
  switch (operation) {
    case 'createCredential':
      return client.createCredential()
    case 'getCredentialList':
      return client.getCredentialList()
    case 'updateCredentialStatus':
      return client.updateCredentialStatus(API_KEY, 'active')
    default:
      return client[operation](API_KEY)
  }
}

const status = (code: number) => json(code, { errorCode: `E${code}`, errorMessage: 'm' })
const idempotent = [
  'getCredentialInfo',
  'getCredentialList',
  'updateCredentialStatus',
  'deleteCredential',
] as const
const unsentOnly = ['createCredential', 'regenerateSecretKey'] as const

describe('retry policy per operation', () => {
  it('is the documented default', () => {
    expect(DEFAULT_RETRY_POLICIES).toEqual({
      createCredential: 'unsent-only',
      getCredentialInfo: 'idempotent',
      regenerateSecretKey: 'unsent-only',
      getCredentialList: 'idempotent',
      updateCredentialStatus: 'idempotent',
      deleteCredential: 'idempotent',
    })
  })

  describe.each(idempotent)('%s', (operation) => {
    it.each([408, 429, 500, 502, 503, 504])('retries %i, re-signed, and resolves', async (code) => {
      const { client, sent } = clientWith([status(code), json(200, OK[operation])])
      await expect(call(client, operation)).resolves.toEqual(OK[operation])
      expect(sent).toHaveLength(2)
    })

    it.each([400, 401, 403, 404, 409, 413, 415])('does not retry %i', async (code) => {
      const { client, sent } = clientWith([status(code), json(200, OK[operation])])
      await expect(call(client, operation)).rejects.toMatchObject({ status: code })
      expect(sent).toHaveLength(1)
    })

    it('retries any network error and a timeout', async () => {
      const { client, sent } = clientWith(
        [new TypeError('Failed to fetch'), hang, json(200, OK[operation])],
        {
          timeoutMs: 20,
        },
      )
      await expect(call(client, operation)).resolves.toEqual(OK[operation])
      expect(sent).toHaveLength(3)
    })
  })

  describe.each(unsentOnly)('%s', (operation) => {
    it.each([429, 503])('retries %i', async (code) => {
      const { client, sent } = clientWith([status(code), json(200, OK[operation])])
      await expect(call(client, operation)).resolves.toEqual(OK[operation])
      expect(sent).toHaveLength(2)
    })

    it.each([408, 500, 502, 504])('does not retry %i (the server may have acted)', async (code) => {
      const { client, sent } = clientWith([status(code), json(200, OK[operation])])
      await expect(call(client, operation)).rejects.toMatchObject({ status: code })
      expect(sent).toHaveLength(1)
    })

    it('retries a refused connection', async () => {
      const { client, sent } = clientWith([connectionRefused(), json(200, OK[operation])])
      await expect(call(client, operation)).resolves.toEqual(OK[operation])
      expect(sent).toHaveLength(2)
    })

    it('does not retry a network error that may have reached the server, nor a timeout', async () => {
      const reset = clientWith([
        new TypeError('fetch failed', { cause: new Error('other side closed') }),
      ])
      await expect(call(reset.client, operation)).rejects.toMatchObject({
        kind: 'network',
        unsent: false,
      })
      expect(reset.sent).toHaveLength(1)
      const slow = clientWith([hang], { timeoutMs: 20 })
      await expect(call(slow.client, operation)).rejects.toMatchObject({ kind: 'timeout' })
      expect(slow.sent).toHaveLength(1)
    })
  })

  it('can be overridden per operation', async () => {
    const { client, sent } = clientWith([status(500), json(200, OK.createCredential)], {
      retry: {
        baseDelayMs: 1,
        policies: { createCredential: 'idempotent', getCredentialList: 'never' },
      },
    })
    await expect(client.createCredential()).resolves.toEqual(OK.createCredential)
    expect(sent).toHaveLength(2)
    const never = clientWith([status(503)], { retry: { policies: { getCredentialList: 'never' } } })
    await expect(never.client.getCredentialList()).rejects.toMatchObject({ status: 503 })
    expect(never.sent).toHaveLength(1)
  })

  it('stops after `limit` retries and rejects with the last error', async () => {
    const { client, sent } = clientWith([status(502), status(503), status(504), status(500)], {
      retry: { limit: 3, baseDelayMs: 1 },
    })
    await expect(client.getCredentialList()).rejects.toMatchObject({ status: 500, code: 'E500' })
    expect(sent).toHaveLength(4)
  })

  it('does not retry at all with retry: false', async () => {
    const { client, sent } = clientWith([status(503)], { retry: false })
    await expect(client.getCredentialList()).rejects.toMatchObject({ status: 503 })
    expect(sent).toHaveLength(1)
  })

  it('classifies a real refused connection as unsent', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    await new Promise((resolve) => server.close(resolve))
    const client = createCredentialsClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      baseUrl: `http://127.0.0.1:${port}`,
      retry: false,
    })
    await expect(client.createCredential()).rejects.toMatchObject({ kind: 'network', unsent: true })
  })
})

describe('re-signing', () => {
  it('signs every attempt with a new date, salt and signature, all valid', async () => {
    const { client, sent } = clientWith([status(503), status(503), json(200, OK.getCredentialList)])
    await client.getCredentialList()
    const auths = sent.map((s) => verifyAuthorization(s.authorization, API_SECRET))
    expect(auths.every((a) => a.valid)).toBe(true)
    expect(new Set(auths.map((a) => a.salt)).size).toBe(3)
    expect(new Set(auths.map((a) => a.signature)).size).toBe(3)
  })
})

describe('backoff', () => {
  it('caps the n-th retry at min(maxDelayMs, baseDelayMs * 2^n) with full jitter', () => {
    const options = { baseDelayMs: 300, maxDelayMs: 2000 }
    const top = () => 0.999999
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, options, top))).toEqual([
      299, 599, 1199, 1999, 1999,
    ])
    expect(backoffDelay(3, options, () => 0)).toBe(0)
    expect(backoffDelay(1, options, () => 0.5)).toBe(300)
  })

  it('spreads delays over the whole range', () => {
    const delays = Array.from({ length: 2000 }, () =>
      backoffDelay(2, { baseDelayMs: 100, maxDelayMs: 10_000 }),
    )
    expect(Math.min(...delays)).toBeLessThan(40)
    expect(Math.max(...delays)).toBeGreaterThan(360)
    expect(Math.max(...delays)).toBeLessThan(400)
  })

  it('waits between attempts by the doubling cap, not by maxDelayMs', async () => {
    // Caps 50 and 100 ms; a client that waited maxDelayMs (5 s) would blow the bound, and the
    // 400 ms slack absorbs a loaded machine.
    const { client, sent } = clientWith(
      [status(503), status(503), json(200, OK.getCredentialList)],
      { retry: { limit: 2, baseDelayMs: 50, maxDelayMs: 5000 } },
    )
    await client.getCredentialList()
    const gaps = sent.slice(1).map((s, i) => s.at - (sent[i]?.at ?? 0))
    expect(gaps[0]).toBeLessThan(50 + 400)
    expect(gaps[1]).toBeLessThan(100 + 400)
  })
})

describe('nextRetryDelay', () => {
  const retry = { limit: 2, baseDelayMs: 100, maxDelayMs: 1000 }
  const unavailable = { type: 'status', status: 503 } as const

  it('stops once the retries are spent or the policy refuses the failure', () => {
    expect(nextRetryDelay('idempotent', unavailable, null, 2, retry)).toBeUndefined()
    expect(nextRetryDelay('never', unavailable, null, 0, retry)).toBeUndefined()
    expect(
      nextRetryDelay('unsent-only', { type: 'network', unsent: false }, null, 0, retry),
    ).toBeUndefined()
  })

  it('waits what Retry-After asks, up to maxDelayMs, else the jittered backoff', () => {
    expect(nextRetryDelay('idempotent', unavailable, '1', 0, retry)).toBe(1000)
    expect(nextRetryDelay('idempotent', unavailable, '2', 0, retry)).toBeUndefined()
    const backoff = nextRetryDelay('idempotent', unavailable, null, 1, retry)
    expect(backoff).toBeGreaterThanOrEqual(0)
    expect(backoff).toBeLessThan(200)
  })
})

describe('Retry-After', () => {
  it('parses delta-seconds and HTTP dates', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:02 GMT', now)).toBe(2000)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })

  it('waits as long as the server asks, even with a tiny backoff', async () => {
    const { client, sent } = clientWith(
      [
        json(429, { errorCode: 'TooManyRequests', errorMessage: 'm' }, { 'Retry-After': '1' }),
        json(200, OK.createCredential),
      ],
      { retry: { baseDelayMs: 0, maxDelayMs: 5000 } },
    )
    await client.createCredential()
    expect(sent).toHaveLength(2)
    expect((sent[1]?.at ?? 0) - (sent[0]?.at ?? 0)).toBeGreaterThanOrEqual(990)
  })

  it('gives up at once when the server asks for longer than maxDelayMs', async () => {
    const { client, sent } = clientWith(
      [json(503, { errorCode: 'Busy', errorMessage: 'm' }, { 'Retry-After': '120' })],
      {
        retry: { maxDelayMs: 1000 },
      },
    )
    await expect(client.getCredentialList()).rejects.toMatchObject({ status: 503 })
    expect(sent).toHaveLength(1)
  })
})

describe('clock skew', () => {
  const skewed = (serverNow: number) =>
    json(
      403,
      { errorCode: 'RequestTimeTooSkewed', errorMessage: 'm' },
      { Date: new Date(serverNow).toUTCString() },
    )

  it('learns the offset from the Date header, retries once re-signed, and keeps it', async () => {
    const hourAhead = Date.now() + 3_600_000
    const { client, sent } = clientWith([skewed(hourAhead), json(200, OK.getCredentialList)], {
      retry: false,
    })
    await client.getCredentialList()
    await client.getCredentialList()
    expect(sent).toHaveLength(3)
    const dates = sent.map((s) => Date.parse(verifyAuthorization(s.authorization, API_SECRET).date))
    expect(Math.abs((dates[0] ?? 0) - Date.now())).toBeLessThan(60_000)
    for (const date of dates.slice(1)) expect(Math.abs(date - hourAhead)).toBeLessThan(60_000)
  })

  it('retries a skew only once per call', async () => {
    const { client, sent } = clientWith([skewed(Date.now() - 3_600_000)], { retry: false })
    await expect(client.createCredential()).rejects.toMatchObject({
      kind: 'auth',
      code: 'RequestTimeTooSkewed',
    })
    expect(sent).toHaveLength(2)
  })

  it('does not retry a skew without a readable Date header', async () => {
    const { client, sent } = clientWith([
      json(403, { errorCode: 'RequestTimeTooSkewed', errorMessage: 'm' }),
    ])
    await expect(client.getCredentialList()).rejects.toMatchObject({ code: 'RequestTimeTooSkewed' })
    expect(sent).toHaveLength(1)
  })
})

describe('timeouts and abort', () => {
  it('gives each attempt its own timeout', async () => {
    const { client, sent } = clientWith([hang], {
      timeoutMs: 25,
      retry: { limit: 1, baseDelayMs: 1 },
    })
    const started = performance.now()
    await expect(client.getCredentialList()).rejects.toMatchObject({
      kind: 'timeout',
      reason: 'timeout',
      timeoutMs: 25,
    })
    expect(sent).toHaveLength(2)
    expect(performance.now() - started).toBeGreaterThanOrEqual(45)
  })

  it('times out even when the injected fetch ignores the signal', async () => {
    const deaf = () => new Promise<Response>(() => {})
    const { client } = clientWith([deaf], { timeoutMs: 20, retry: false })
    await expect(client.getCredentialList()).rejects.toMatchObject({
      kind: 'timeout',
      reason: 'timeout',
    })
  })

  it('takes a per-call timeoutMs', async () => {
    const { client } = clientWith([hang], { retry: false })
    await expect(client.getCredentialList({ timeoutMs: 15 })).rejects.toMatchObject({
      reason: 'timeout',
      timeoutMs: 15,
    })
  })

  it('aborts the attempt in flight when the caller aborts, without retrying', async () => {
    const { client, sent } = clientWith([hang])
    const controller = new AbortController()
    const pending = client.getCredentialList({ signal: controller.signal })
    setTimeout(() => controller.abort(new Error('user left')), 10)
    await expect(pending).rejects.toMatchObject({ kind: 'timeout', reason: 'aborted' })
    expect(sent).toHaveLength(1)
  })

  it('aborts during the backoff wait', async () => {
    const { client, sent } = clientWith([status(503)], {
      retry: { limit: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 },
    })
    const started = performance.now()
    await expect(
      client.getCredentialList({ signal: AbortSignal.timeout(50) }),
    ).rejects.toMatchObject({ reason: 'aborted' })
    expect(performance.now() - started).toBeLessThan(2000)
    expect(sent).toHaveLength(1)
  })

  it('sends nothing when the signal is already aborted', async () => {
    const { client, sent } = clientWith([json(200, OK.getCredentialList)])
    await expect(client.getCredentialList({ signal: AbortSignal.abort() })).rejects.toMatchObject({
      reason: 'aborted',
    })
    expect(sent).toHaveLength(0)
  })
})
