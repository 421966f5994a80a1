import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type InProcessServer, startInProcessServer } from '../support/in-process-server.js'
import { clientHeader, post, TEST_CREDENTIAL } from '../support/signing.js'
import { responseSchemaErrors } from '../support/spec-responses.js'

let server: InProcessServer

/** Everything the database holds plus its own count of writes (see InProcessServer.writes). */
async function databaseState() {
  return {
    rows: (await server.store.credentials.listCredentials(1)).map((r) => ({
      ...r,
      secretBox: Buffer.from(r.secretBox).toString('hex'),
    })),
    writes: await server.writes(),
  }
}

async function send(
  path: string,
  init: { method?: string; body?: BodyInit; headers?: Record<string, string>; unsigned?: boolean },
) {
  const headers: Record<string, string> = { ...init.headers }
  if (!init.unsigned) headers.authorization = clientHeader(TEST_CREDENTIAL)
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'POST',
    headers,
    ...(init.body !== undefined ? { body: init.body, duplex: 'half' } : {}),
  } as RequestInit)
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} }
}

const JSON_TYPE = { 'content-type': 'application/json' }
const INFO = '/credentials/getCredentialInfo'
const UPDATE = '/credentials/updateCredentialStatus'

describe('bad input gets a clear error in the spec shape and leaves the database untouched', () => {
  beforeAll(async () => {
    server = await startInProcessServer()
  })
  afterAll(() => server.close())

  const cases: {
    name: string
    path: string
    init: Parameters<typeof send>[1]
    status: number
    code: string
    message: RegExp
    errors?: { field: string; rule: string }[]
  }[] = [
    {
      name: 'invalid JSON',
      path: INFO,
      init: { body: '{"apiKey": }', headers: JSON_TYPE },
      status: 400,
      code: 'InvalidJSON',
      message: /not valid JSON/,
    },
    {
      name: 'an empty body',
      path: '/credentials/createCredential',
      init: { body: '', headers: JSON_TYPE },
      status: 400,
      code: 'InvalidJSON',
      message: /empty/,
    },
    {
      name: 'a body that is not UTF-8',
      path: '/credentials/createCredential',
      init: { body: new Uint8Array([0x7b, 0xff, 0x7d]), headers: JSON_TYPE },
      status: 400,
      code: 'InvalidJSON',
      message: /UTF-8/,
    },
    {
      name: 'a missing required field',
      path: INFO,
      init: { body: '{}', headers: JSON_TYPE },
      status: 400,
      code: 'ValidationError',
      message: /\/apiKey is required/,
      errors: [{ field: '/apiKey', rule: 'required' }],
    },
    {
      name: 'an apiKey that breaks the pattern',
      path: INFO,
      init: { body: '{"apiKey":"ncsogh0tb3pdigv1"}', headers: JSON_TYPE },
      status: 400,
      code: 'ValidationError',
      message: /\/apiKey must match pattern/,
      errors: [{ field: '/apiKey', rule: 'pattern' }],
    },
    {
      name: 'an unknown field',
      path: '/credentials/createCredential',
      init: { body: '{"name":"x"}', headers: JSON_TYPE },
      status: 400,
      code: 'ValidationError',
      message: /\/name is not a documented field/,
      errors: [{ field: '/name', rule: 'additionalProperties' }],
    },
    {
      name: 'a status outside the enum',
      path: UPDATE,
      init: {
        body: `{"apiKey":"${TEST_CREDENTIAL.apiKey}","credentialStatus":"disabled"}`,
        headers: JSON_TYPE,
      },
      status: 400,
      code: 'ValidationError',
      message: /must be one of "active", "inactive"/,
      errors: [{ field: '/credentialStatus', rule: 'enum' }],
    },
    {
      name: 'a body that is not an object',
      path: UPDATE,
      init: { body: '[]', headers: JSON_TYPE },
      status: 400,
      code: 'ValidationError',
      message: /invalid/,
      errors: [{ field: '', rule: 'type' }],
    },
    {
      name: 'a wrong content type',
      path: UPDATE,
      init: {
        body: 'apiKey=NCSSANDBOXTEST01&credentialStatus=inactive',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      status: 415,
      code: 'UnsupportedMediaType',
      message: /application\/x-www-form-urlencoded/,
    },
    {
      name: 'no content type',
      path: '/credentials/deleteCredential',
      init: {},
      status: 415,
      code: 'UnsupportedMediaType',
      message: /got none/,
    },
    {
      name: 'a body over 16 KiB (declared length)',
      path: '/credentials/createCredential',
      init: { body: `{"pad":"${'x'.repeat(16 * 1024)}"}`, headers: JSON_TYPE },
      status: 413,
      code: 'PayloadTooLarge',
      message: /16384 bytes/,
    },
    {
      name: 'a body over 16 KiB (streamed, no length)',
      path: '/credentials/createCredential',
      init: {
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 20; i++)
              controller.enqueue(new TextEncoder().encode('x'.repeat(1024)))
            controller.close()
          },
        }) as unknown as BodyInit,
        headers: JSON_TYPE,
      },
      status: 413,
      code: 'PayloadTooLarge',
      message: /16384 bytes/,
    },
  ]

  it.each(cases)(
    '$name -> $status $code',
    async ({ path, init, status, code, message, errors }) => {
      const before = await databaseState()
      const response = await send(path, init)
      expect(response.status).toBe(status)
      expect(response.body.errorCode).toBe(code)
      expect(response.body.errorMessage).toMatch(message)
      expect(responseSchemaErrors(path, status, response.body)).toEqual([])
      if (errors) {
        expect(
          response.body.errors.map((e: { field: string; rule: string }) => ({
            field: e.field,
            rule: e.rule,
          })),
        ).toEqual(expect.arrayContaining(errors))
      }
      expect(await databaseState()).toEqual(before)
    },
  )

  it('accepts exactly 16 KiB and a charset parameter', async () => {
    const before = await databaseState()
    // {} padded with whitespace to exactly the limit: valid JSON, valid body.
    const body = `{}${' '.repeat(16 * 1024 - 2)}`
    const response = await send('/credentials/getCredentialList', {
      body,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    })
    expect(response.status).toBe(200)
    expect(await databaseState()).toEqual(before)
  })

  it('reads a chunked body (no declared length) of up to 16 KiB as any other', async () => {
    const encoder = new TextEncoder()
    const chunked = (parts: string[]) =>
      new ReadableStream({
        start(controller) {
          for (const part of parts) controller.enqueue(encoder.encode(part))
          controller.close()
        },
      }) as unknown as BodyInit
    const whole = await send(INFO, {
      body: chunked([`{"apiKey":`, `"${TEST_CREDENTIAL.apiKey}"}`, ' '.repeat(16 * 1024 - 30)]),
      headers: JSON_TYPE,
    })
    expect([whole.status, whole.body.apiKey]).toEqual([200, TEST_CREDENTIAL.apiKey])
    const invalid = await send(INFO, { body: chunked(['{"apiKey":', ' }']), headers: JSON_TYPE })
    expect([invalid.status, invalid.body.errorCode]).toEqual([400, 'InvalidJSON'])
  })

  it('answers an unknown path with 404 NotFound and a wrong method with 405 and Allow: POST', async () => {
    const before = await databaseState()
    const unknown = await send('/credentials/listCredentials', { body: '{}', headers: JSON_TYPE })
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual({
      errorCode: 'NotFound',
      errorMessage: expect.stringContaining('/credentials/listCredentials'),
    })
    const slash = await send('/credentials/getCredentialList/', {
      body: '{}',
      headers: JSON_TYPE,
    })
    expect(slash.status).toBe(404)
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const response = await send('/credentials/deleteCredential', { method, unsigned: true })
      expect(response.status, method).toBe(405)
      expect(response.headers.get('allow')).toBe('POST')
      expect(response.body).toEqual({
        errorCode: 'MethodNotAllowed',
        errorMessage: expect.stringContaining(method),
      })
    }
    expect(await databaseState()).toEqual(before)
  })

  it('checks authentication before the body: an unsigned bad body is a 401', async () => {
    const response = await send(INFO, {
      body: 'not json',
      headers: { 'content-type': 'text/plain' },
      unsigned: true,
    })
    expect([response.status, response.body.errorCode]).toEqual([401, 'MissingAuthorization'])
  })

  it('answers a good request after all that, and the write check does see a real write', async () => {
    const before = await databaseState()
    const created = await post(
      server.url,
      '/credentials/createCredential',
      {},
      { authorization: clientHeader(TEST_CREDENTIAL) },
    )
    expect(created.status).toBe(200)
    expect((await databaseState()).writes).toBeGreaterThan(before.writes)
    const response = await post(
      server.url,
      INFO,
      { apiKey: TEST_CREDENTIAL.apiKey },
      { authorization: clientHeader(TEST_CREDENTIAL) },
    )
    expect(response.status).toBe(200)
    expect(response.body.credentialStatus).toBe('active')
  })
})
