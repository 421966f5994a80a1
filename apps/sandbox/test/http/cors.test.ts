// CORS as a browser asks for it: a preflight for POST with Authorization and Content-Type, then
// the answer, whose Date and Retry-After the page must be able to read. Origins are granted by
// the setting (local pages and the hosted docs by default), never with credentials; the control
// API grants none unless configured.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/start-sandbox.js'
import { ownStore } from '../support/backend.js'
import { clientHeader } from '../support/signing.js'

const LIST = '/credentials/getCredentialList'

/** What a browser sends before a signed POST from `origin`. */
function preflight(
  sandbox: RunningSandbox,
  origin: string,
  init: { path?: string; method?: string; headers?: string; privateNetwork?: boolean } = {},
) {
  return fetch(`${sandbox.url}${init.path ?? LIST}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': init.method ?? 'POST',
      'Access-Control-Request-Headers': init.headers ?? 'authorization,content-type',
      ...(init.privateNetwork ? { 'Access-Control-Request-Private-Network': 'true' } : {}),
    },
  })
}

/** A signed getCredentialList sent from `origin`. */
function signedList(sandbox: RunningSandbox, origin: string) {
  return fetch(`${sandbox.url}${LIST}`, {
    method: 'POST',
    headers: {
      Origin: origin,
      Authorization: clientHeader(sandbox),
      'Content-Type': 'application/json',
    },
    body: '{}',
  })
}

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)

/** Every CORS header of an answer: none at all means no grant. */
const corsHeaders = (response: Response) =>
  [...response.headers.keys()].filter((name) => name.startsWith('access-control-'))

describe('CORS with the default setting', () => {
  let sandbox: RunningSandbox
  beforeAll(async () => {
    sandbox = await startSandbox(await ownStore())
  })
  afterAll(() => sandbox.close())

  it('grants a preflight for POST with Authorization and Content-Type from a local page', async () => {
    const response = await preflight(sandbox, 'http://localhost:5173')
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(list(response.headers.get('access-control-allow-methods'))).toContain('post')
    expect(list(response.headers.get('access-control-allow-headers'))).toEqual(
      expect.arrayContaining(['authorization', 'content-type']),
    )
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0)
    expect(list(response.headers.get('vary'))).toContain('origin')
    // Never credentials mode: the API is signed in a header, not by cookies.
    expect(response.headers.get('access-control-allow-credentials')).toBeNull()
  })

  it.each([
    'http://localhost:5173',
    'http://localhost',
    'https://localhost:8443',
    'http://127.0.0.1:8080',
    'http://127.1.2.3:3000',
    'http://[::1]:4000',
    'https://solapi.github.io',
  ])('grants %s', async (origin) => {
    const response = await preflight(sandbox, origin)
    expect(response.headers.get('access-control-allow-origin')).toBe(origin)
  })

  it.each([
    'https://evil.example',
    'http://localhost.evil.example',
    'http://127.0.0.1.nip.io',
    'https://solapi.github.io.evil.example',
    'https://other.github.io',
    'null',
    'file://',
    'chrome-extension://abcdefghijklmnop',
  ])('grants nothing to %s', async (origin) => {
    const response = await preflight(sandbox, origin, { privateNetwork: true })
    expect(response.status).toBe(204)
    expect(corsHeaders(response)).toEqual([])
    const actual = await signedList(sandbox, origin)
    expect(actual.status).toBe(200)
    expect(corsHeaders(actual)).toEqual([])
  })

  it('answers a granted origin with the grant and exposes Date, Retry-After and X-Request-Id', async () => {
    const response = await signedList(sandbox, 'http://localhost:5173')
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(list(response.headers.get('access-control-expose-headers'))).toEqual(
      expect.arrayContaining(['date', 'retry-after', 'x-request-id']),
    )
    expect(response.headers.get('access-control-allow-credentials')).toBeNull()
    expect(list(response.headers.get('vary'))).toContain('origin')
  })

  it('grants error answers too, so a page can read a 503 and its Retry-After', async () => {
    await sandbox.control.addFault({
      operation: 'getCredentialList',
      times: 1,
      status: 503,
      retryAfter: 2,
    })
    const faulted = await signedList(sandbox, 'http://localhost:5173')
    expect([faulted.status, faulted.headers.get('retry-after')]).toEqual([503, '2'])
    expect(faulted.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    const unsigned = await fetch(`${sandbox.url}${LIST}`, {
      method: 'POST',
      headers: { Origin: 'http://localhost:5173', 'Content-Type': 'application/json' },
      body: '{}',
    })
    expect(unsigned.status).toBe(401)
    expect(unsigned.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    const unknown = await fetch(`${sandbox.url}/credentials/nothing`, {
      method: 'POST',
      headers: { Origin: 'http://localhost:5173' },
    })
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
  })

  it('allows Private Network Access when the preflight asks for it, and only then', async () => {
    const asked = await preflight(sandbox, 'https://solapi.github.io', { privateNetwork: true })
    expect(asked.headers.get('access-control-allow-private-network')).toBe('true')
    expect(asked.headers.get('access-control-allow-origin')).toBe('https://solapi.github.io')
    expect(list(asked.headers.get('vary'))).toContain('access-control-request-private-network')
    const notAsked = await preflight(sandbox, 'https://solapi.github.io')
    expect(notAsked.headers.get('access-control-allow-private-network')).toBeNull()
  })

  it('keeps preflights out of the journal, and a plain OPTIONS is still 405', async () => {
    await sandbox.control.resetSandbox()
    await preflight(sandbox, 'http://localhost:5173')
    expect(await sandbox.control.listRequests()).toEqual([])
    const plain = await fetch(`${sandbox.url}${LIST}`, { method: 'OPTIONS' })
    expect([plain.status, plain.headers.get('allow')]).toEqual([405, 'POST'])
  })

  it('gives the control API no grant, to any origin', async () => {
    for (const origin of ['http://localhost:5173', 'https://solapi.github.io']) {
      const asked = await preflight(sandbox, origin, {
        path: '/_sandbox/faults',
        headers: 'authorization,content-type',
        privateNetwork: true,
      })
      expect(corsHeaders(asked)).toEqual([])
      const actual = await fetch(`${sandbox.url}/_sandbox/clock`, {
        headers: { Origin: origin, Authorization: `Bearer ${sandbox.controlToken}` },
      })
      expect(actual.status).toBe(200)
      expect(corsHeaders(actual)).toEqual([])
    }
  })
})

describe('CORS with a configured list', () => {
  let sandbox: RunningSandbox
  beforeAll(async () => {
    sandbox = await startSandbox({
      ...(await ownStore()),
      corsOrigins: ['https://app.example', 'http://10.0.0.5:8080'],
      controlCorsOrigins: ['http://localhost:5173'],
    })
  })
  afterAll(() => sandbox.close())

  it('grants the origins it lists', async () => {
    for (const origin of ['https://app.example', 'http://10.0.0.5:8080']) {
      const response = await signedList(sandbox, origin)
      expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([
        200,
        origin,
      ])
    }
  })

  it('grants no other origin, loopback included', async () => {
    for (const origin of [
      'http://localhost:5173',
      'https://solapi.github.io',
      'https://app.example:444',
    ]) {
      const asked = await preflight(sandbox, origin, { privateNetwork: true })
      expect(corsHeaders(asked)).toEqual([])
      const actual = await signedList(sandbox, origin)
      expect([actual.status, corsHeaders(actual)]).toEqual([200, []])
    }
  })

  it('opens the control API to its own list, preflight before the token check', async () => {
    const asked = await preflight(sandbox, 'http://localhost:5173', {
      path: '/_sandbox/clock',
      method: 'PUT',
    })
    expect(asked.status).toBe(204)
    expect(asked.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(list(asked.headers.get('access-control-allow-methods'))).toContain('put')
    const actual = await fetch(`${sandbox.url}/_sandbox/clock`, {
      headers: { Origin: 'http://localhost:5173', Authorization: `Bearer ${sandbox.controlToken}` },
    })
    expect(actual.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    const other = await preflight(sandbox, 'https://app.example', { path: '/_sandbox/clock' })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('CORS open to any origin', () => {
  let sandbox: RunningSandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ ...(await ownStore()), corsOrigins: ['*'] })
  })
  afterAll(() => sandbox.close())

  it('answers * (a grant with no credentials), to a file:// page too', async () => {
    for (const origin of ['https://anything.example', 'null']) {
      const asked = await preflight(sandbox, origin)
      expect(asked.headers.get('access-control-allow-origin')).toBe('*')
      const actual = await signedList(sandbox, origin)
      expect(actual.headers.get('access-control-allow-origin')).toBe('*')
      expect(actual.headers.get('access-control-allow-credentials')).toBeNull()
    }
  })
})

describe('the CORS setting', () => {
  it.each([
    [['https://app.example/'], 'corsOrigins: entry 1 must be an origin as a browser sends it'],
    [['loopback', 'app.example'], 'corsOrigins: entry 2 is not *, loopback, null or an origin'],
    [['ftp://files.example'], 'corsOrigins: entry 1 must be http or https'],
    [['https://App.example'], 'corsOrigins: entry 1 must be an origin as a browser sends it'],
  ])('refuses %o naming the option and the entry', async (corsOrigins, message) => {
    await expect(startSandbox({ corsOrigins })).rejects.toThrow(message)
  })

  it('refuses a bad controlCorsOrigins by its name', async () => {
    await expect(startSandbox({ controlCorsOrigins: ['https://x.example/path'] })).rejects.toThrow(
      /^controlCorsOrigins: entry 1 /,
    )
  })
})
