import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type InProcessServer, startInProcessServer } from '../support/in-process-server.js'
import { clientHeader, partsOf, post, TEST_CREDENTIAL } from '../support/signing.js'

let server: InProcessServer

beforeAll(async () => {
  server = await startInProcessServer()
})
afterAll(() => server.close())

describe('the access log', () => {
  it('writes one JSON line per request with method, path, operation, status, duration and request id', async () => {
    server.logLines.length = 0
    const header = clientHeader(TEST_CREDENTIAL)
    const ok = await post(
      server.url,
      '/credentials/getCredentialList',
      {},
      { authorization: header, 'x-request-id': 'trace-123' },
    )
    await post(server.url, '/credentials/nope', {}, {})
    expect(ok.headers.get('x-request-id')).toBe('trace-123')
    const records = server.logLines.map((line) => JSON.parse(line))
    expect(records).toEqual([
      {
        time: expect.any(String),
        level: 'info',
        event: 'request',
        requestId: 'trace-123',
        method: 'POST',
        path: '/credentials/getCredentialList',
        operation: 'getCredentialList',
        status: 200,
        durationMs: expect.any(Number),
      },
      expect.objectContaining({
        path: '/credentials/nope',
        operation: null,
        status: 404,
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      }),
    ])
  })

  it('keeps an incoming X-Request-Id of up to 128 safe characters, and makes one otherwise', async () => {
    const cases: [sent: string, kept: boolean][] = [
      ['trace-123', true],
      ['svc.gateway:req_42', true],
      ['YWJjZA==', true],
      ['x'.repeat(128), true],
      ['x'.repeat(129), false],
      ['has space', false],
      ['a/b', false],
      ['é', false],
    ]
    for (const [sent, kept] of cases) {
      server.logLines.length = 0
      const response = await post(server.url, '/credentials/nope', {}, { 'x-request-id': sent })
      const id = response.headers.get('x-request-id')
      if (kept) expect(id, sent).toBe(sent)
      else
        expect(id, sent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
      expect(JSON.parse(server.logLines[0] ?? '{}').requestId).toBe(id)
    }
  })

  it('never contains a secret, a signature, a header or a body', async () => {
    server.logLines.length = 0
    const created = await post(
      server.url,
      '/credentials/createCredential',
      {},
      { authorization: clientHeader(TEST_CREDENTIAL) },
    )
    const header = clientHeader(TEST_CREDENTIAL)
    await post(
      server.url,
      '/credentials/getCredentialInfo',
      { apiKey: created.body.apiKey },
      { authorization: header },
    )
    await post(
      server.url,
      '/credentials/getCredentialInfo',
      { apiKey: created.body.apiKey },
      { authorization: header },
    )
    await post(server.url, '/credentials/getCredentialInfo', '{"apiKey": oops', {
      authorization: clientHeader(TEST_CREDENTIAL),
    })
    const log = server.logLines.join('\n')
    expect(server.logLines).toHaveLength(4)
    const { signature } = partsOf(header)
    for (const forbidden of [
      TEST_CREDENTIAL.apiSecret,
      String(created.body.apiSecret),
      signature,
      'HMAC-SHA256',
      'oops',
      'salt=',
    ]) {
      expect(log).not.toContain(forbidden)
    }
  })
})
