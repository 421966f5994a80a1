// Framing: Content-Length with Transfer-Encoding (the classic smuggling pair), broken chunk
// sizes and extensions, a client that leaves mid-body, pipelined requests, HTTP/1.0 without
// Host, bare LF and bare CR line ends, obs-fold, header lines that are not header fields, and
// bytes that are not HTTP at all.

import type { Step } from '../raw-exchange.ts'
import type { Expectation, Shape, ShapeContext } from '../shape.ts'
import { bytes, chunk, goodRequest, head, LAST_CHUNK, type Piece, request } from '../wire.ts'

/** The route's good head with Transfer-Encoding `te`, then `body` as sent. */
function chunked(
  id: string,
  expect: Expectation,
  body: (context: ShapeContext) => Piece,
  te: Piece = 'chunked',
  extra: [string, Piece][] = [],
  then: Step[] = [],
  more: Partial<Shape> = {},
): Shape {
  return {
    id: `framing.${id}`,
    class: 'framing',
    expect,
    closeOk: true,
    build: (context) => [
      {
        write: bytes(
          head(context, {
            body: '',
            contentLength: null,
            headers: [['Transfer-Encoding', te], ...extra],
          }),
          body(context),
        ),
      },
      ...then,
    ],
    ...more,
  }
}

const goodChunks = (context: ShapeContext) => bytes(chunk(context.goodBody), LAST_CHUNK)

/** Whole raw bytes, Host and all as the shape writes them. */
function raw(
  id: string,
  expect: Expectation,
  build: (context: ShapeContext) => Piece,
  more: Partial<Shape> = {},
): Shape {
  return {
    id: `framing.${id}`,
    class: 'framing',
    expect,
    closeOk: true,
    build: (context) => [{ write: bytes(build(context)) }],
    ...more,
  }
}

/** The route's good request with one extra header line written as given. */
function headerLine(
  id: string,
  expect: Expectation,
  line: Piece,
  more: Partial<Shape> = {},
): Shape {
  return raw(
    id,
    expect,
    (context) => {
      const good = head(context, { body: context.goodBody })
      const end = good.length - 2
      return bytes(good.subarray(0, end), line, '\r\n\r\n', context.goodBody)
    },
    more,
  )
}

const PIPELINED = { lingerMs: 200 }

export const framingShapes: Shape[] = [
  chunked(
    'content-length-and-chunked',
    'any',
    goodChunks,
    'chunked',
    [['Content-Length', '2']],
    [],
    { lingerMs: 300 },
  ),
  chunked(
    'content-length-and-chunked-smuggle',
    'any',
    (context) =>
      bytes(LAST_CHUNK, `GET ${context.prefix}/smuggled HTTP/1.1\r\nHost: ${context.host}\r\n\r\n`),
    'chunked',
    [['Content-Length', '4']],
    [],
    { lingerMs: 300 },
  ),
  chunked('chunked', 'any', goodChunks),
  chunked('te-identity', 'any', (context) => context.goodBody, 'identity', [
    ['Content-Length', '2'],
  ]),
  chunked('te-gzip-chunked', 'any', goodChunks, 'gzip, chunked'),
  chunked('te-chunked-not-last', 'refuse', goodChunks, 'chunked, gzip'),
  chunked('te-bogus', 'refuse', goodChunks, 'xchunked'),
  chunked('te-upper-case', 'any', goodChunks, 'CHUNKED'),
  chunked('te-twice', 'any', goodChunks, 'chunked', [['Transfer-Encoding', 'chunked']]),
  chunked('te-with-tab', 'any', goodChunks, '\tchunked'),
  chunked('te-korean', 'refuse', goodChunks, 'chunked한'),
  headerLine('te-space-before-colon', 'any', 'Transfer-Encoding : chunked'),
  chunked('chunk-size-not-hex', 'refuse', () => 'zz\r\n{}\r\n0\r\n\r\n'),
  chunked('chunk-size-negative', 'refuse', () => '-2\r\n{}\r\n0\r\n\r\n'),
  chunked('chunk-size-huge', 'refuse', () => 'ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n'),
  chunked(
    'chunk-size-bigger-than-data',
    'refuse',
    () => '10\r\n{}\r\n0\r\n\r\n',
    'chunked',
    [],
    ['fin'],
  ),
  chunked('chunk-size-empty', 'refuse', () => '\r\n{}\r\n0\r\n\r\n'),
  chunked('chunk-size-leading-space', 'any', () => ' 2\r\n{}\r\n0\r\n\r\n'),
  chunked('chunk-size-0x-prefix', 'refuse', () => '0x2\r\n{}\r\n0\r\n\r\n'),
  chunked('chunk-extension-junk', 'any', () =>
    bytes('2;foo=bar;;', Uint8Array.of(1), '\r\n{}\r\n0\r\n\r\n'),
  ),
  chunked('chunk-extension-long', 'any', () => `2;x=${'a'.repeat(16 * 1024)}\r\n{}\r\n0\r\n\r\n`),
  chunked('chunk-extension-quoted', 'any', () => '2;a="b\\"c"\r\n{}\r\n0\r\n\r\n'),
  chunked('chunk-extension-korean', 'any', () => '2;한=국\r\n{}\r\n0\r\n\r\n'),
  chunked('chunk-missing-crlf', 'refuse', () => '2\r\n{}0\r\n\r\n'),
  chunked('chunk-bare-lf', 'any', () => '2\n{}\n0\n\n'),
  chunked('chunk-trailer-junk', 'any', () => '2\r\n{}\r\n0\r\nnot a trailer\r\n\r\n'),
  chunked(
    'chunk-trailer-content-length',
    'any',
    () => '2\r\n{}\r\n0\r\nContent-Length: 99\r\n\r\n',
  ),
  chunked(
    'chunk-no-last-chunk-then-fin',
    'refuse',
    (context) => chunk(context.goodBody),
    'chunked',
    [],
    ['fin'],
  ),
  chunked('chunk-10k-one-byte-chunks', 'any', () =>
    bytes(...Array.from({ length: 10_000 }, () => chunk(' ')), chunk('{}'), LAST_CHUNK),
  ),
  {
    id: 'framing.abort-mid-headers',
    class: 'framing',
    expect: 'none',
    build: (context) => [
      { write: head(context, { body: '{}' }).subarray(0, 20) },
      { pause: 50 },
      'abort',
    ],
  },
  {
    id: 'framing.abort-mid-body',
    class: 'framing',
    expect: 'none',
    build: (context) => [
      { write: head(context, { body: '', contentLength: 100 }) },
      { write: Buffer.from('{"a":') },
      { pause: 50 },
      'abort',
    ],
  },
  chunked('abort-mid-chunk', 'none', () => '10\r\n{"a":', 'chunked', [], [{ pause: 50 }, 'abort']),
  {
    id: 'framing.fin-mid-headers',
    class: 'framing',
    expect: 'any',
    closeOk: true,
    build: (context) => [{ write: head(context, { body: '{}' }).subarray(0, 20) }, 'fin'],
  },
  {
    id: 'framing.fin-mid-body',
    class: 'framing',
    expect: 'refuse',
    closeOk: true,
    build: (context) => [
      { write: head(context, { body: '', contentLength: 100 }) },
      { write: Buffer.from('{"a":') },
      'fin',
    ],
  },
  {
    id: 'framing.fin-without-bytes',
    class: 'framing',
    expect: 'none',
    closeOk: true,
    build: () => ['fin', { pause: 200 }],
  },
  raw('pipelined-two', 'any', (context) => bytes(goodRequest(context), goodRequest(context)), {
    responses: 2,
    ...PIPELINED,
    closeOk: false,
  }),
  raw(
    'pipelined-ten',
    'any',
    (context) => bytes(...Array.from({ length: 10 }, () => goodRequest(context))),
    {
      responses: 10,
      ...PIPELINED,
      closeOk: false,
    },
  ),
  raw(
    'pipelined-good-then-garbage',
    'any',
    (context) => bytes(goodRequest(context), 'GARBAGE\r\n\r\n'),
    {
      responses: 2,
      ...PIPELINED,
    },
  ),
  raw(
    'pipelined-close-then-more',
    'any',
    (context) => bytes(goodRequest(context, [['Connection', 'close']]), goodRequest(context)),
    PIPELINED,
  ),
  raw('http10-without-host', 'any', (context) =>
    request(context, { version: 'HTTP/1.0', host: false, body: context.goodBody }),
  ),
  raw('http10-get-without-host', 'any', (context) =>
    head(context, { method: 'GET', version: 'HTTP/1.0', host: false }),
  ),
  raw(
    'http10-keep-alive-pipelined',
    'any',
    (context) => {
      const one = request(context, {
        version: 'HTTP/1.0',
        body: context.goodBody,
        headers: [['Connection', 'keep-alive']],
      })
      return bytes(one, one)
    },
    { responses: 2, ...PIPELINED },
  ),
  raw('http11-without-host', 'refuse', (context) =>
    request(context, { host: false, body: context.goodBody }),
  ),
  raw('host-twice', 'refuse', (context) =>
    request(context, { body: context.goodBody, headers: [['Host', 'other.invalid']] }),
  ),
  raw('host-empty', 'any', (context) => request(context, { host: '', body: context.goodBody })),
  raw('host-bad-bracket', 'any', (context) =>
    request(context, { host: '[::1', body: context.goodBody }),
  ),
  raw('host-with-path', 'any', (context) =>
    request(context, { host: 'a/b?c#d', body: context.goodBody }),
  ),
  raw('host-korean', 'any', (context) =>
    request(context, { host: '한국.invalid', body: context.goodBody }),
  ),
  raw('bare-lf', 'any', (context) => request(context, { body: context.goodBody, eol: '\n' })),
  raw('bare-cr', 'any', (context) => request(context, { body: context.goodBody, eol: '\r' }), {
    boundMs: 10_000,
  }),
  raw('leading-empty-lines', 'any', (context) => bytes('\r\n\r\n', goodRequest(context))),
  headerLine('obs-fold', 'any', 'X-Hostile: a\r\n b'),
  headerLine('obs-fold-tab', 'any', 'X-Hostile: a\r\n\tb'),
  headerLine('obs-fold-first-line', 'any', ' X-Hostile: a'),
  headerLine('header-without-colon', 'any', 'Garbage'),
  headerLine('header-space-before-colon', 'any', 'X-Hostile : a'),
  headerLine('header-empty-name', 'any', ': a'),
  headerLine('header-name-not-token', 'any', 'X(Hostile): a'),
  headerLine('header-nul-in-value', 'any', bytes('X-Hostile: a', Uint8Array.of(0), 'b')),
  headerLine('header-cr-in-value', 'any', 'X-Hostile: a\rb'),
  headerLine('header-korean-value', 'any', 'X-Hostile: 한국어'),
  headerLine('header-korean-name', 'any', '한국어: a'),
  headerLine('header-invalid-utf8-value', 'any', bytes('X-Hostile: ', Uint8Array.of(0xff, 0xfe))),
  headerLine('authorization-folded', 'any', 'Authorization: HMAC-SHA256 apiKey=A,\r\n date=B'),
  {
    id: 'framing.request-line-only-then-fin',
    class: 'framing',
    expect: 'any',
    closeOk: true,
    build: (context) => [
      { write: Buffer.from(`${context.method} ${context.route} HTTP/1.1\r\n`) },
      'fin',
    ],
  },
  raw('binary-garbage', 'refuse', () =>
    Buffer.from(Array.from({ length: 1024 }, (_, index) => (index * 37 + 11) % 256)),
  ),
  raw('tls-client-hello', 'refuse', () =>
    Uint8Array.of(0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03),
  ),
  raw('http2-preface', 'refuse', () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
  raw('upgrade-websocket', 'any', (context) =>
    head(context, {
      method: 'GET',
      headers: [
        ['Connection', 'Upgrade'],
        ['Upgrade', 'websocket'],
        ['Sec-WebSocket-Version', '13'],
        ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
      ],
    }),
  ),
  raw('upgrade-h2c', 'any', (context) =>
    request(context, {
      body: context.goodBody,
      headers: [
        ['Connection', 'Upgrade, HTTP2-Settings'],
        ['Upgrade', 'h2c'],
        ['HTTP2-Settings', 'AAMAAABkAARAAAAAAAIAAAAA'],
      ],
    }),
  ),
  raw('expect-unknown', 'any', (context) =>
    request(context, { body: context.goodBody, headers: [['Expect', 'hostile']] }),
  ),
  {
    id: 'framing.expect-100-continue',
    class: 'framing',
    expect: 'any',
    build: (context) => [
      { write: head(context, { body: context.goodBody, headers: [['Expect', '100-continue']] }) },
      { awaitBytes: 1000 },
      { write: Buffer.from(context.goodBody) },
    ],
  },
]
