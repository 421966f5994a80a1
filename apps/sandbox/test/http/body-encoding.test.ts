// JSON is UTF-8 without a byte order mark (RFC 8259 section 8.1), and both APIs read it so, as
// the mock does: a charset other than utf-8 is 415 UnsupportedMediaType, a body that starts with
// a BOM or is not UTF-8 is 400 InvalidJSON, each naming its rule. Over HTTP, to the real sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { controlResponseErrors } from '../support/control-spec.js'
import { type InProcessServer, startInProcessServer } from '../support/in-process-server.js'
import { clientHeader, TEST_CREDENTIAL } from '../support/signing.js'
import { responseSchemaErrors } from '../support/spec-responses.js'

let server: InProcessServer

beforeAll(async () => {
  server = await startInProcessServer()
})
afterAll(() => server.close())

const INFO = '/credentials/getCredentialInfo'

/** Each API: where a body goes, with its authorization, a valid body, and its spec check. */
const apis = [
  {
    api: 'the Credentials API',
    path: INFO,
    authorization: () => clientHeader(TEST_CREDENTIAL),
    body: JSON.stringify({ apiKey: TEST_CREDENTIAL.apiKey }),
    specErrors: (status: number, body: unknown) => responseSchemaErrors(INFO, status, body),
  },
  {
    api: 'the control API',
    path: '/_sandbox/accounts',
    authorization: () => `Bearer ${server.controlToken}`,
    body: '{}',
    specErrors: (status: number, body: unknown) =>
      controlResponseErrors('createAccount', status, body),
  },
]

async function send(
  api: (typeof apis)[number],
  contentType: string,
  body: Uint8Array<ArrayBuffer> | string = api.body,
) {
  const response = await fetch(`${server.url}${api.path}`, {
    method: 'POST',
    headers: { authorization: api.authorization(), 'content-type': contentType },
    body,
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : {} }
}

/** Strings as UTF-8, numbers as raw bytes. */
const bytes = (...parts: (string | number[] | Buffer)[]) =>
  new Uint8Array(
    Buffer.concat(
      parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))),
    ),
  )

describe.each(apis)('$api reads JSON bodies in UTF-8 only', (api) => {
  it.each([
    ['utf-16', 'application/json; charset=utf-16'],
    ['latin1', 'application/json; charset=latin1'],
    ['iso-8859-1', 'application/json;charset="ISO-8859-1"'],
  ])('refuses charset=%s with 415 naming the charset rule', async (charset, contentType) => {
    const answer = await send(api, contentType)
    expect([answer.status, answer.body.errorCode]).toEqual([415, 'UnsupportedMediaType'])
    expect(answer.body.errorMessage).toBe(
      `Content-Type charset must be utf-8 (JSON is UTF-8), got ${charset}.`,
    )
    expect(api.specErrors(415, answer.body)).toEqual([])
  })

  it.each([
    'application/json; charset=utf-8',
    'application/json; charset="UTF-8"',
    'Application/JSON ; Charset=Utf-8',
  ])('accepts %s', async (contentType) => {
    const answer = await send(api, contentType)
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300)
  })

  it('refuses a Content-Type that is not a media type with 415', async () => {
    const answer = await send(api, 'application/json; charset=')
    expect([answer.status, answer.body.errorCode]).toEqual([415, 'UnsupportedMediaType'])
    expect(answer.body.errorMessage).toMatch(/not a media type/)
  })

  it('refuses a body that starts with a UTF-8 byte order mark with 400 InvalidJSON', async () => {
    const answer = await send(api, 'application/json', bytes([0xef, 0xbb, 0xbf], '{}'))
    expect([answer.status, answer.body.errorCode]).toEqual([400, 'InvalidJSON'])
    expect(answer.body.errorMessage).toMatch(/byte order mark \(U\+FEFF\)/)
    expect(api.specErrors(400, answer.body)).toEqual([])
  })

  it('refuses a body that is not UTF-8 with 400 InvalidJSON', async () => {
    const answer = await send(api, 'application/json', bytes('{"a":"', [0xff], '"}'))
    expect([answer.status, answer.body]).toEqual([
      400,
      { errorCode: 'InvalidJSON', errorMessage: 'Request body is not valid UTF-8.' },
    ])
  })

  it('refuses the charset before it reads the body', async () => {
    // Not UTF-8 and a BOM as well: the Content-Type is the first rule broken.
    const answer = await send(
      api,
      'application/json; charset=utf-16le',
      bytes([0xff, 0xfe], Buffer.from('{}', 'utf16le')),
    )
    expect([answer.status, answer.body.errorCode]).toEqual([415, 'UnsupportedMediaType'])
  })
})
