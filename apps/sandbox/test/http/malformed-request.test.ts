// A request node:http parses but that no URL can be built from (a bad absolute-form target, `*`,
// a backslash, a Host that is no host), or that HTTP forbids (two Host headers, userinfo in the
// target), gets a 400 in the spec's Error shape naming the rule, over raw TCP (fetch would not
// send these), and so does a request node:http cannot parse at all; a good request on the same
// server still gets its 200.
import { connect } from 'node:net'
import { credentialsContract } from '@solapi/credentials-spec'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/start-sandbox.js'
import { ownStore } from '../support/backend.js'
import { clientHeader, TEST_CREDENTIAL } from '../support/signing.js'

let sandbox: RunningSandbox
let port: number

beforeAll(async () => {
  sandbox = await startSandbox({ ...(await ownStore()), ...TEST_CREDENTIAL })
  port = Number(new URL(sandbox.url).port)
})
afterAll(() => sandbox.close())

/** Sends `head` (and a `{}` body) on a new connection; the status and the JSON body answered. */
function send(head: string): Promise<{ status: number; type: string; body: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      // write, not end: node:http aborts a request whose client half-closes (httpAllowHalfOpen).
      socket.write(
        `${head}Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      )
    })
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const [head = '', body = ''] = text.split('\r\n\r\n')
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1])
      const type = /\r\ncontent-type: ([^\r]*)/i.exec(head)?.[1] ?? ''
      let parsed: unknown
      try {
        parsed = JSON.parse(body)
      } catch {
        parsed = body
      }
      resolve({ status, type, body: parsed })
    })
  })
}

const LIST = '/credentials/getCredentialList'
const signed = () => `Authorization: ${clientHeader(TEST_CREDENTIAL)}\r\n`
const host = () => `Host: 127.0.0.1:${port}\r\n`

const cases: [string, () => string, string, RegExp][] = [
  [
    'an absolute-form target with a lone [',
    () => `POST http://[/x HTTP/1.1\r\n${host()}`,
    'InvalidRequestTarget',
    /http or https URL/,
  ],
  [
    'an absolute-form target with port 99999',
    () => `POST http://a:99999/x HTTP/1.1\r\n${host()}`,
    'InvalidRequestTarget',
    /http or https URL/,
  ],
  [
    'the asterisk form',
    () => `POST * HTTP/1.1\r\n${host()}`,
    'InvalidRequestTarget',
    /asterisk form/,
  ],
  ['OPTIONS *', () => `OPTIONS * HTTP/1.1\r\n${host()}`, 'InvalidRequestTarget', /asterisk form/],
  [
    'a backslash in the path',
    () => `POST /..\\..\\x HTTP/1.1\r\n${host()}`,
    'InvalidRequestTarget',
    /backslash/,
  ],
  [
    'userinfo in an absolute-form target, validly signed',
    () => `POST http://user:pass@127.0.0.1:${port}${LIST} HTTP/1.1\r\n${host()}${signed()}`,
    'InvalidRequestTarget',
    /userinfo/,
  ],
  [
    'two Host headers',
    () => `POST ${LIST} HTTP/1.1\r\n${host()}Host: other.invalid\r\n${signed()}`,
    'InvalidHostHeader',
    /one Host header/,
  ],
  [
    'a Host with a lone [',
    () => `POST ${LIST} HTTP/1.1\r\nHost: [::1\r\n${signed()}`,
    'InvalidHostHeader',
    /host name in ASCII/,
  ],
  [
    'a Host with a path',
    () => `POST ${LIST} HTTP/1.1\r\nHost: a/b?c#d\r\n${signed()}`,
    'InvalidHostHeader',
    /host name in ASCII/,
  ],
  [
    'a Host in raw UTF-8',
    () => `POST ${LIST} HTTP/1.1\r\nHost: 한국.invalid\r\n${signed()}`,
    'InvalidHostHeader',
    /punycode/,
  ],
  [
    'a Host with port 99999',
    () => `POST ${LIST} HTTP/1.1\r\nHost: a:99999\r\n${signed()}`,
    'InvalidHostHeader',
    /at most 65535/,
  ],
]

describe('a request no URL can be built from gets a 400 in the spec Error shape', () => {
  it.each(cases)('%s', async (_name, head, errorCode, rule) => {
    const answer = await send(head())
    expect(answer.status).toBe(400)
    expect(answer.type).toMatch(/^application\/json/)
    expect(
      credentialsContract.validator().validate('/components/schemas/Error', answer.body).errors,
    ).toEqual([])
    expect(answer.body).toMatchObject({ errorCode, errorMessage: expect.stringMatching(rule) })
  })

  const unparsable: [string, () => string, number, string][] = [
    [
      'a request line with a space in the target',
      () => `POST /a b HTTP/1.1\r\n${host()}`,
      400,
      'MalformedRequest',
    ],
    [
      'a header line without a colon',
      () => `POST ${LIST} HTTP/1.1\r\n${host()}no colon here\r\n`,
      400,
      'MalformedRequest',
    ],
    [
      'Content-Length and Transfer-Encoding together',
      () => `POST ${LIST} HTTP/1.1\r\n${host()}Transfer-Encoding: chunked\r\n`,
      400,
      'MalformedRequest',
    ],
    [
      '64 KiB of headers',
      () => `POST ${LIST} HTTP/1.1\r\n${host()}X-Filler: ${'x'.repeat(64 * 1024)}\r\n`,
      431,
      'RequestHeaderFieldsTooLarge',
    ],
  ]
  it.each(unparsable)(
    '%s: what node:http cannot parse gets %i %s in the same shape, not a bare answer',
    async (_name, head, status, errorCode) => {
      const answer = await send(head())
      expect(answer.status).toBe(status)
      expect(answer.type).toBe('application/json')
      expect(
        credentialsContract.validator().validate('/components/schemas/Error', answer.body).errors,
      ).toEqual([])
      expect(answer.body).toMatchObject({ errorCode, errorMessage: expect.any(String) })
    },
  )

  it('answers an Expect other than 100-continue with 417 in the same shape', async () => {
    const answer = await send(`POST ${LIST} HTTP/1.1\r\n${host()}Expect: teapot\r\n${signed()}`)
    expect(answer.status).toBe(417)
    expect(answer.body).toMatchObject({
      errorCode: 'ExpectationFailed',
      errorMessage: expect.stringMatching(/100-continue/),
    })
  })

  it('still serves a good request, in absolute form or with an empty Host', async () => {
    const absolute = await send(
      `POST http://127.0.0.1:${port}${LIST} HTTP/1.1\r\n${host()}${signed()}`,
    )
    expect(absolute, JSON.stringify(absolute)).toMatchObject({ status: 200 })
    const emptyHost = await send(`POST ${LIST} HTTP/1.1\r\nHost: \r\n${signed()}`)
    expect(emptyHost, JSON.stringify(emptyHost)).toMatchObject({ status: 200 })
    // HTTP/1.0 may leave Host out.
    const http10 = await send(`POST ${LIST} HTTP/1.0\r\n${signed()}`)
    expect(http10, JSON.stringify(http10)).toMatchObject({ status: 200 })
  })
})
