// Requests built to break the mock, each against the real mock (the guard and Prism): every one
// gets a 4xx in the spec's error shape naming the rule, no header carries text of the body, and
// the mock still answers a good signed request after it.
import { credentialsContract } from '@solapi/credentials-spec'
import { afterEach, describe, expect, it } from 'vitest'
import { AUTHORIZATION, call, sharedMock } from '../helpers/prism.ts'
import { type RawAnswer, rawExchange, rawRequest, requestHead } from '../helpers/raw-http.ts'
import { type Json, spec, validate } from '../helpers/spec.ts'

const LIST = '/credentials/getCredentialList'
const MAX = credentialsContract.limits.maxRequestBodyBytes
const JSON_HEADERS = { authorization: AUTHORIZATION, 'content-type': 'application/json' }

const mock = sharedMock()

// After each hostile request, the mock (guard and Prism) still answers a good signed request.
afterEach(async () => {
  const response = await call(mock.url, LIST)
  expect(response.status).toBe(200)
  expect(response.body).toEqual(spec.components.examples.GetCredentialListResponse.value)
})

/** The schema each refusal's body must match, by its errorCode. */
const SCHEMA: Record<string, string> = {
  InvalidJSON: '/components/schemas/ValidationError',
  PayloadTooLarge: '/components/schemas/PayloadTooLargeError',
  UnsupportedMediaType: '/components/schemas/UnsupportedMediaTypeError',
  InvalidRequestTarget: '/components/schemas/Error',
  MalformedRequest: '/components/schemas/Error',
  RequestHeaderFieldsTooLarge: '/components/schemas/Error',
  InvalidHostHeader: '/components/schemas/Error',
  NotFound: '/components/schemas/Error',
  MethodNotAllowed: '/components/schemas/Error',
  ExpectationFailed: '/components/schemas/Error',
}

interface Answer {
  status: number
  headers: Record<string, string>
  body: Json
}

/** A fetch answer as plain data. */
async function post(body: string | Buffer, headers: Record<string, string> = JSON_HEADERS) {
  const response = await fetch(`${mock.url}${LIST}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : new Uint8Array(body),
    signal: AbortSignal.timeout(10_000),
  })
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.json(),
  }
}

const fromRaw = (answer: RawAnswer): Answer => ({
  status: answer.status,
  headers: answer.headers,
  body: JSON.parse(answer.body),
})

/**
 * The refusal is `status` with `errorCode` in the spec's shape, its message names `rule`, and
 * every header value is printable ASCII with none of `bodyTexts` in it.
 */
function expectRefusal(
  answer: Answer,
  status: number,
  errorCode: string,
  rule: RegExp,
  bodyTexts: string[] = [],
) {
  expect(answer.status).toBe(status)
  expect(answer.body.errorCode).toBe(errorCode)
  expect(answer.body.errorMessage).toMatch(rule)
  expect(validate(SCHEMA[errorCode] ?? '', answer.body)).toEqual([])
  for (const [name, value] of Object.entries(answer.headers)) {
    expect(value, name).toMatch(/^[\t\x20-\x7e]*$/)
    for (const text of bodyTexts) expect(value, name).not.toContain(text)
  }
}

describe('bodies that are not UTF-8 JSON', () => {
  it('refuses a body with a character above U+00FF with 400 InvalidJSON, quoting none of it', async () => {
    const answer = await post('{"a":한}')
    expectRefusal(answer, 400, 'InvalidJSON', /^Request body is not valid JSON/, ['한', '{"a"'])
    expect(answer.body.errorMessage).not.toContain('한')
  })

  it('refuses a UTF-8 byte order mark before {} with 400 InvalidJSON naming the BOM', async () => {
    const answer = await post(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))
    expectRefusal(answer, 400, 'InvalidJSON', /byte order mark/)
  })

  it('refuses a UTF-16 body (with its BOM) with 400 InvalidJSON naming UTF-8', async () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"한":1}', 'utf16le')])
    expectRefusal(await post(body), 400, 'InvalidJSON', /not valid UTF-8/)
  })

  it('refuses a UTF-16 body without a BOM with 400 InvalidJSON', async () => {
    // ASCII in UTF-16 is valid UTF-8 (every other byte NUL), but not JSON.
    const answer = await post(Buffer.from('{"apiKey":"NCSOGH0TB3PDIGV1"}', 'utf16le'))
    expectRefusal(answer, 400, 'InvalidJSON', /not valid JSON/, ['NCSOGH0TB3PDIGV1'])
  })

  it('answers charset=utf-16 with 415 naming the charset rule within 2 s', async () => {
    const started = performance.now()
    const answer = await post('{}', {
      ...JSON_HEADERS,
      'content-type': 'application/json; charset=utf-16',
    })
    expect(performance.now() - started).toBeLessThan(2000)
    expectRefusal(answer, 415, 'UnsupportedMediaType', /charset must be utf-8.*utf-16/)
  })

  it('refuses a Content-Type that is not JSON with 415 naming the type', async () => {
    const answer = await post('<a/>', { ...JSON_HEADERS, 'content-type': 'application/xml' })
    expectRefusal(
      answer,
      415,
      'UnsupportedMediaType',
      /must be application\/json, got application\/xml/,
    )
  })

  it('refuses a Content-Type that is not a media type with 415', async () => {
    const answer = await post('{}', {
      ...JSON_HEADERS,
      'content-type': 'application/json; charset',
    })
    expectRefusal(answer, 415, 'UnsupportedMediaType', /not a media type/)
  })

  it('refuses a body sent with no Content-Type with 415', async () => {
    const answer = fromRaw(
      await rawRequest(
        mock.url,
        `${requestHead(LIST, { authorization: AUTHORIZATION, 'content-length': '2' })}{}`,
      ),
    )
    expectRefusal(answer, 415, 'UnsupportedMediaType', /got none/)
  })

  it('accepts charset=utf-8, in any case and quoted', async () => {
    const answer = await post('{}', {
      ...JSON_HEADERS,
      'content-type': 'application/json; charset="UTF-8"',
    })
    expect(answer.status).toBe(200)
  })

  it("gives Prism's validation answer for a non-ASCII property name, its header in ASCII", async () => {
    // Prism quotes the property name into sl-violations; above U+00FF that used to kill it.
    const answer = await post('{"한국어":1}')
    expect(answer.status).toBe(400)
    expect(answer.body.errorCode).toBe('ValidationError')
    const violations = answer.headers['sl-violations'] ?? ''
    expect(violations).toMatch(/^[\t\x20-\x7e]*$/)
    expect(JSON.stringify(JSON.parse(violations))).toContain('additionalProperties')
  })
})

describe("Prism's own headers", () => {
  it('keeps sl-violations within 8 KiB of ASCII when Prism names a hundred long non-ASCII properties', async () => {
    // Prism cuts its header at 8 KiB of text; written in ASCII, a cut of Korean names grows
    // past the 16 KiB an HTTP client reads, and the guard could not relay Prism's answer.
    const names = Array.from(
      { length: 100 },
      (_, i) => `"${String(i).padStart(3, '0')}${'한'.repeat(40)}":1`,
    )
    const body = `{${names.join(',')}}`
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX)
    const answer = await post(body)
    expect(answer.status).toBe(400)
    expect(answer.body.errorCode).toBe('ValidationError')
    const violations = answer.headers['sl-violations'] ?? ''
    expect(violations).toMatch(/^[\t\x20-\x7e]*$/)
    expect(violations.length).toBeLessThanOrEqual(8 * 1024)
    expect(violations).toMatch(/^(Too many violations! )?\[\{"location":\["request","body"\]/)
  })
})

describe('nesting', () => {
  const nest = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`

  it('refuses arrays nested thousands deep with 400 InvalidJSON naming the depth', async () => {
    const body = `${'['.repeat(5000)}${']'.repeat(5000)}`
    expect(body.length).toBeLessThanOrEqual(MAX)
    expectRefusal(await post(body), 400, 'InvalidJSON', /deeper than 64 levels/)
  })

  it('refuses objects one level deeper than the limit, and passes the limit itself to Prism', async () => {
    expectRefusal(await post(nest(65)), 400, 'InvalidJSON', /deeper than 64 levels/)
    // 64 levels are JSON the guard reads: Prism validates it (the body must be {}).
    const atLimit = await post(nest(64))
    expect(atLimit.status).toBe(400)
    expect(atLimit.body.errorCode).toBe('ValidationError')
  })
})

describe('body size', () => {
  const padded = (size: number) => `{}${' '.repeat(size - 2)}`

  it(`passes a body of exactly ${MAX} bytes (x-solapi-limits.maxRequestBodyBytes) to Prism`, async () => {
    expect((await post(padded(MAX))).status).toBe(200)
  })

  it("refuses one byte more with the spec's 413 PayloadTooLarge", async () => {
    const answer = await post(padded(MAX + 1))
    expectRefusal(answer, 413, 'PayloadTooLarge', new RegExp(`larger than ${MAX} bytes`))
    expect(answer.body).toEqual(spec.components.examples.PayloadTooLarge.value)
  })

  it('answers 413 to a Content-Length over the limit before any of the body is sent', async () => {
    const { socket, answer } = rawExchange(
      mock.url,
      requestHead(LIST, { ...JSON_HEADERS, 'content-length': String(100 * 1024 * 1024) }),
    )
    try {
      expectRefusal(fromRaw(await answer), 413, 'PayloadTooLarge', /larger than/)
      expect((await answer).headers.connection).toBe('close')
    } finally {
      socket.destroy()
    }
  })

  it('refuses a 100 MB chunked body with 413 long before the client has sent it, keeping none', async () => {
    const total = 100 * 1024 * 1024
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    const frame = Buffer.concat([
      Buffer.from(`${chunk.length.toString(16)}\r\n`),
      chunk,
      Buffer.from('\r\n'),
    ])
    const { socket, answer } = rawExchange(
      mock.url,
      requestHead(LIST, { ...JSON_HEADERS, 'transfer-encoding': 'chunked' }),
    )
    let answered: RawAnswer | undefined
    void answer.then(
      (value) => {
        answered = value
      },
      () => {},
    )
    const rssBefore = process.memoryUsage().rss
    let sent = 0
    try {
      while (!answered && sent < total && !socket.destroyed) {
        sent += chunk.length
        if (!socket.write(frame)) {
          await new Promise((resolve) => {
            socket.once('drain', resolve)
            socket.once('close', resolve)
            void answer.then(resolve, resolve)
          })
        }
      }
      const refusal = fromRaw(await answer)
      expectRefusal(refusal, 413, 'PayloadTooLarge', /larger than/)
      // The answer came while most of the body was still unsent.
      expect(sent).toBeLessThan(total / 4)
      // The guard (it runs in this process) kept no part of what was sent.
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024)
    } finally {
      socket.destroy()
    }
  })
})

describe('streams that break', () => {
  it('answers invalid chunked framing with 400 MalformedRequest', async () => {
    const head = requestHead(LIST, { ...JSON_HEADERS, 'transfer-encoding': 'chunked' })
    const answer = fromRaw(await rawRequest(mock.url, `${head}2\r\n{}\r\nzz\r\n\r\n`))
    expectRefusal(answer, 400, 'MalformedRequest', /chunked framing/)
  })

  it('answers a chunk size that overruns its data with 400 MalformedRequest', async () => {
    const head = requestHead(LIST, { ...JSON_HEADERS, 'transfer-encoding': 'chunked' })
    const answer = fromRaw(await rawRequest(mock.url, `${head}2\r\n{"a":1}\r\n0\r\n\r\n`))
    expectRefusal(answer, 400, 'MalformedRequest', /malformed/)
  })

  it('lives on when a client leaves halfway through its body', async () => {
    const { socket, answer } = rawExchange(
      mock.url,
      `${requestHead(LIST, { ...JSON_HEADERS, 'content-length': '100' })}{"apiKey":`,
    )
    void answer.catch(() => {})
    await new Promise((resolve) => setTimeout(resolve, 200))
    socket.destroy()
    // afterEach: the mock still answers.
  })

  it('lives on when a chunked client leaves without its last chunk', async () => {
    const head = requestHead(LIST, { ...JSON_HEADERS, 'transfer-encoding': 'chunked' })
    const { socket, answer } = rawExchange(mock.url, `${head}2\r\n{}\r\n`)
    void answer.catch(() => {})
    await new Promise((resolve) => setTimeout(resolve, 200))
    socket.destroy()
  })
})

describe('request targets', () => {
  for (const target of [
    '//[/x',
    '/%zz',
    'http://[junk/x',
    '/credentials/%ff',
    '*',
    'ftp://mock.test/x',
    '/a?b=%zz',
  ]) {
    it(`refuses the target ${target} with 400 InvalidRequestTarget`, async () => {
      const answer = fromRaw(
        await rawRequest(
          mock.url,
          `${requestHead(target, { ...JSON_HEADERS, 'content-length': '2' })}{}`,
        ),
      )
      expectRefusal(answer, 400, 'InvalidRequestTarget', /^Malformed request target: /)
    })
  }

  it('answers request headers larger than Node reads with 431 in the error shape', async () => {
    const head = requestHead(LIST, { ...JSON_HEADERS, 'x-filler': 'x'.repeat(20_000) })
    const answer = fromRaw(await rawRequest(mock.url, head))
    expectRefusal(answer, 431, 'RequestHeaderFieldsTooLarge', /headers are larger/)
  })

  it('answers 413 to Expect: 100-continue with a Content-Length over the limit, inviting no body', async () => {
    const answer = await rawRequest(
      mock.url,
      requestHead(LIST, {
        ...JSON_HEADERS,
        expect: '100-continue',
        'content-length': String(MAX + 1),
      }),
    )
    expect(answer.interim).toEqual([])
    expectRefusal(fromRaw(answer), 413, 'PayloadTooLarge', /larger than/)
  })

  it('invites the body of an Expect: 100-continue request it serves', async () => {
    const { socket, answer } = rawExchange(
      mock.url,
      requestHead(LIST, { ...JSON_HEADERS, expect: '100-continue', 'content-length': '2' }),
    )
    try {
      const invitation = await new Promise<string>((resolve) =>
        socket.once('data', (d) => resolve(String(d))),
      )
      expect(invitation).toMatch(/^HTTP\/1\.1 100 Continue\r\n/)
      socket.write('{}')
      expect(await answer).toMatchObject({ status: 200, interim: [100] })
    } finally {
      socket.destroy()
    }
  })

  it('answers a request line Node cannot parse with 400 MalformedRequest', async () => {
    const answer = fromRaw(await rawRequest(mock.url, `${requestHead('http:junk', JSON_HEADERS)}`))
    expectRefusal(answer, 400, 'MalformedRequest', /request line/)
  })

  it('passes an absolute-form target to Prism as its path', async () => {
    const answer = await rawRequest(
      mock.url,
      `${requestHead(`${mock.url}${LIST}`, { ...JSON_HEADERS, 'content-length': '2', connection: 'close' })}{}`,
    )
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toEqual(
      spec.components.examples.GetCredentialListResponse.value,
    )
  })
})

describe('Host header fields (RFC 9112 section 3.2)', () => {
  const send = (hostLines: string) =>
    rawRequest(
      mock.url,
      `POST ${LIST} HTTP/1.1\r\n${hostLines}authorization: ${AUTHORIZATION}\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}`,
    )

  it('refuses two Host header fields with 400 InvalidHostHeader', async () => {
    const answer = fromRaw(await send('Host: mock.test\r\nHost: other.invalid\r\n'))
    expectRefusal(answer, 400, 'InvalidHostHeader', /one Host header field, not several/)
  })

  for (const host of ['[::1', 'a/b?c#d', '한국.invalid', 'mock.test:99999']) {
    it(`refuses the Host ${host} with 400 InvalidHostHeader`, async () => {
      const answer = fromRaw(await send(`Host: ${host}\r\n`))
      expectRefusal(answer, 400, 'InvalidHostHeader', /^Malformed Host header: /, [host])
    })
  }

  it('refuses HTTP/1.1 without Host with 400 InvalidHostHeader, and serves HTTP/1.0 without', async () => {
    expectRefusal(fromRaw(await send('')), 400, 'InvalidHostHeader', /must carry a Host/)
    const http10 = await rawRequest(
      mock.url,
      `POST ${LIST} HTTP/1.0\r\nauthorization: ${AUTHORIZATION}\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}`,
    )
    expect(http10.status).toBe(200)
  })

  it('answers an Expect other than 100-continue with 417 ExpectationFailed', async () => {
    const answer = fromRaw(await send('Host: mock.test\r\nExpect: teapot\r\n'))
    expectRefusal(answer, 417, 'ExpectationFailed', /100-continue/)
  })

  it('serves one Host, and an empty one', async () => {
    expect((await send('Host: mock.test\r\n')).status).toBe(200)
    expect((await send('Host: \r\n')).status).toBe(200)
  })
})

describe('a method or path the spec has no operation for', () => {
  for (const target of [`${LIST}/`, LIST.toUpperCase(), '/credentials%2FgetCredentialList', '/x']) {
    it(`answers POST ${target} with 404 NotFound in the spec's error shape, not Prism's`, async () => {
      const answer = fromRaw(
        await rawRequest(
          mock.url,
          `${requestHead(target, { ...JSON_HEADERS, 'content-length': '2' })}{}`,
        ),
      )
      expectRefusal(answer, 404, 'NotFound', /^No operation at this path\. Operations are POST /)
    })
  }

  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'TRACE']) {
    it(`answers ${method} of an operation's path with 405 MethodNotAllowed and Allow`, async () => {
      const answer = fromRaw(await rawRequest(mock.url, requestHead(LIST, JSON_HEADERS, method)))
      expectRefusal(answer, 405, 'MethodNotAllowed', /takes POST, not this method/)
      expect(answer.headers.allow).toBe('POST, OPTIONS')
    })
  }

  it("passes OPTIONS (a browser's CORS preflight) to Prism", async () => {
    const answer = await rawRequest(
      mock.url,
      requestHead(
        LIST,
        {
          origin: 'http://page.test',
          'access-control-request-method': 'POST',
          connection: 'close',
        },
        'OPTIONS',
      ),
    )
    expect(answer.status).toBeLessThan(300)
  })
})
