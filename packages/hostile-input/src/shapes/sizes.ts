// Sizes: bodies up to 100 MB (streamed from one shared block, and no more is sent once the
// server has answered or closed), Content-Length that lies or is not a number, JSON with 10k and
// 1M keys or 100k levels of nesting, ~1000 header fields and one huge one.
import { credentialsContract } from '@solapi/credentials-spec'
import type { Step } from '../raw-exchange.ts'
import type { Expectation, Shape, ShapeContext } from '../shape.ts'
import {
  bytes,
  chunk,
  head,
  jsonMembers,
  LAST_CHUNK,
  type Piece,
  repeated,
  request,
  streamLength,
} from '../wire.ts'

const MB = 1024 * 1024
const LIMIT = credentialsContract.limits.maxRequestBodyBytes

/** A JSON object `{"k":"<spaces>"}` of exactly `size` bytes, streamed. */
const paddedObject = (size: number) => () => {
  const open = Buffer.from('{"k":"')
  const close = Buffer.from('"}')
  return (function* () {
    yield open
    yield* repeated(size - open.length - close.length, 0x61)
    yield close
  })()
}

/** A streamed body with a truthful Content-Length. */
function streamed(
  id: string,
  expect: Expectation,
  stream: () => Iterable<Uint8Array>,
  more: Partial<Shape> = {},
): Shape {
  let length: number | undefined
  return {
    id,
    class: 'size',
    expect,
    build: (context) => {
      length ??= streamLength(stream)
      return [{ write: head(context, { body: '', contentLength: length }) }, { stream }]
    },
    ...more,
  }
}

/** A streamed chunked body (no Content-Length to refuse it by). */
function streamedChunked(
  id: string,
  stream: () => Iterable<Uint8Array>,
  more: Partial<Shape> = {},
): Shape {
  return {
    id,
    class: 'size',
    expect: 'refuse',
    build: (context) => [
      {
        write: head(context, {
          body: '',
          contentLength: null,
          headers: [['Transfer-Encoding', 'chunked']],
        }),
      },
      {
        stream: () =>
          (function* () {
            for (const piece of stream()) yield chunk(piece)
            yield Buffer.from(LAST_CHUNK)
          })(),
      },
    ],
    ...more,
  }
}

function lyingLength(
  id: string,
  length: Piece | number,
  body: (context: ShapeContext) => Piece,
  then: Step[],
  more: Partial<Shape> = {},
): Shape {
  return {
    id: `size.${id}`,
    class: 'size',
    expect: 'any',
    closeOk: true,
    build: (context) => [
      {
        write: bytes(
          head(context, {
            body: '',
            contentLength: null,
            headers: [['Content-Length', typeof length === 'number' ? String(length) : length]],
          }),
          body(context),
        ),
      },
      ...then,
    ],
    ...more,
  }
}

const headerShape = (
  id: string,
  headers: () => [string, Piece][],
  expect: Expectation = 'any',
): Shape => ({
  id: `headers.${id}`,
  class: 'size',
  expect,
  closeOk: false,
  build: (context) => [{ write: request(context, { body: context.goodBody, headers: headers() }) }],
})

const keys = (count: number) => () =>
  jsonMembers('{', count, (index) => `"k${index}":${index}`, '}')
const nested = (depth: number, open: string, close: string) => () =>
  (function* () {
    yield* Array.from({ length: Math.ceil(depth / 4096) }, (_, index) =>
      Buffer.from(open.repeat(Math.min(4096, depth - index * 4096))),
    )
    if (close) yield Buffer.from(close.repeat(depth))
  })()

/**
 * Bodies of 10 MB and more: a longer bound, and a close without an answer is acceptable. A
 * server may stop reading a body that is too large and close; the client's next write then
 * fails, and Node drops an answer it had not read yet, so whether one is seen is a race.
 */
const BIG = { boundMs: 60_000, closeOk: true }

export const sizeShapes: Shape[] = [
  streamed('size.at-limit', 'refuse', paddedObject(LIMIT)),
  streamed('size.limit-plus-one', 'refuse', paddedObject(LIMIT + 1)),
  streamed('size.1mb', 'refuse', paddedObject(MB)),
  streamed('size.10mb', 'refuse', paddedObject(10 * MB), BIG),
  streamed('size.100mb', 'refuse', paddedObject(100 * MB), BIG),
  streamedChunked('size.100mb-chunked', paddedObject(100 * MB), BIG),
  streamedChunked('size.limit-plus-one-chunked', paddedObject(LIMIT + 1)),
  {
    id: 'size.100mb-expect-continue',
    class: 'size',
    expect: 'refuse',
    ...BIG,
    build: (context) => [
      {
        write: head(context, {
          body: '',
          contentLength: 100 * MB,
          headers: [['Expect', '100-continue']],
        }),
      },
      { awaitBytes: 1000 },
      { stream: paddedObject(100 * MB) },
    ],
  },
  lyingLength('length-too-big-then-fin', 1000, (context) => context.goodBody, ['fin']),
  lyingLength(
    'length-too-big-then-abort',
    1000,
    (context) => context.goodBody,
    [{ pause: 100 }, 'abort'],
    { expect: 'none' },
  ),
  lyingLength('length-too-small', 1, (context) => context.goodBody, [], { lingerMs: 300 }),
  lyingLength(
    'length-too-small-smuggled-request',
    2,
    (context) => `{}GET /smuggled HTTP/1.1\r\nHost: ${context.host}\r\n\r\n`,
    [],
    { lingerMs: 300 },
  ),
  lyingLength('length-zero-with-body', 0, (context) => context.goodBody, [], { lingerMs: 300 }),
  lyingLength(
    'length-huge-number',
    '99999999999999999999999',
    (context) => context.goodBody,
    ['fin'],
    { expect: 'refuse' },
  ),
  lyingLength(
    'length-max-safe-integer',
    String(Number.MAX_SAFE_INTEGER),
    (context) => context.goodBody,
    ['fin'],
    { expect: 'refuse' },
  ),
  lyingLength('length-negative', '-1', (context) => context.goodBody, [], { expect: 'refuse' }),
  lyingLength('length-not-a-number', 'abc', (context) => context.goodBody, [], {
    expect: 'refuse',
  }),
  lyingLength('length-plus-sign', '+2', (context) => context.goodBody, []),
  lyingLength('length-hex', '0x2', (context) => context.goodBody, [], { expect: 'refuse' }),
  lyingLength('length-list', '2, 2', (context) => context.goodBody, []),
  lyingLength('length-leading-zeros', '0002', (context) => context.goodBody, []),
  lyingLength('length-empty', '', (context) => context.goodBody, []),
  {
    id: 'size.length-twice-different',
    class: 'size',
    expect: 'refuse',
    closeOk: true,
    build: (context) => [
      {
        write: request(context, {
          body: '{}',
          contentLength: null,
          headers: [
            ['Content-Length', '2'],
            ['Content-Length', '3'],
          ],
        }),
      },
    ],
  },
  {
    id: 'size.length-twice-same',
    class: 'size',
    expect: 'any',
    closeOk: true,
    build: (context) => [
      {
        write: request(context, {
          body: '{}',
          contentLength: null,
          headers: [
            ['Content-Length', '2'],
            ['Content-Length', '2'],
          ],
        }),
      },
    ],
  },
  streamed('json.10k-keys', 'refuse', keys(10_000)),
  streamed('json.1m-keys', 'refuse', keys(1_000_000), BIG),
  streamed('json.under-limit-many-keys', 'refuse', keys(1500)),
  streamed('json.100k-open-brackets', 'refuse', nested(100_000, '[', '')),
  streamed('json.100k-nested-arrays', 'refuse', nested(100_000, '[', ']')),
  streamed('json.100k-nested-objects', 'refuse', nested(100_000, '{"a":', '}')),
  streamed('json.under-limit-nested-arrays', 'refuse', nested(Math.floor(LIMIT / 2) - 8, '[', ']')),
  streamed(
    'json.under-limit-nested-objects',
    'refuse',
    nested(Math.floor(LIMIT / 6) - 8, '{"a":', '}'),
  ),
  streamed('json.under-limit-long-string', 'refuse', paddedObject(LIMIT - 16)),
  headerShape('1000-fields', () =>
    Array.from({ length: 1000 }, (_, index) => [`X-Hostile-${index}`, 'v']),
  ),
  headerShape('1000-same-name', () => Array.from({ length: 1000 }, () => ['X-Hostile', 'v'])),
  headerShape('5000-fields', () =>
    Array.from({ length: 5000 }, (_, index) => [`X-Hostile-${index}`, 'v']),
  ),
  headerShape('huge-single-64k', () => [['X-Hostile', 'a'.repeat(64 * 1024)]]),
  headerShape('huge-single-1mb', () => [['X-Hostile', 'a'.repeat(MB)]]),
  headerShape('large-single-12k', () => [['X-Hostile', 'a'.repeat(12 * 1024)]]),
  headerShape('large-cookie-12k', () => [['Cookie', `a=${'b'.repeat(12 * 1024)}`]]),
  headerShape('second-authorization-8k', () => [
    ['Authorization', `HMAC-SHA256 ${'a'.repeat(8 * 1024)}`],
  ]),
  headerShape('huge-name-8k', () => [[`X-${'a'.repeat(8 * 1024)}`, 'v']]),
]
