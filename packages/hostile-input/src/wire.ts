// Request bytes written by hand. Strings become UTF-8 (so a Korean path is raw UTF-8 on the
// wire); a Uint8Array is sent as it is (invalid UTF-8, NUL, control bytes).
import type { ShapeContext } from './shape.ts'

export type Piece = string | Uint8Array

export function bytes(...pieces: Piece[]): Buffer {
  return Buffer.concat(
    pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece)),
  )
}

export interface RequestParts {
  method?: string
  /** The request target as sent; default the context's route. */
  target?: Piece
  version?: string
  /** Header fields after Host (unless `host` is false), before the body's. */
  headers?: [string, Piece][]
  /** Send the Host header (default true); a string sends that value. */
  host?: boolean | string
  /** Add the route's authentication header fields (default true). */
  auth?: boolean
  body?: Piece
  /** Content-Type of the body; null sends none (default application/json when there is a body). */
  contentType?: string | null
  /** Content-Length; default the body's length, null sends none. */
  contentLength?: number | string | null
  /** Line ending (default CRLF). */
  eol?: string
}

/** The head (request line and header fields, up to the empty line) of a request. */
export function head(context: ShapeContext, parts: RequestParts = {}): Buffer {
  const eol = parts.eol ?? '\r\n'
  const body = parts.body === undefined ? undefined : bytes(parts.body)
  const fields: [string, Piece][] = []
  if (parts.host !== false)
    fields.push(['Host', typeof parts.host === 'string' ? parts.host : context.host])
  if (parts.auth !== false) fields.push(...context.auth())
  fields.push(...(parts.headers ?? []))
  const contentType =
    parts.contentType === undefined ? (body ? 'application/json' : null) : parts.contentType
  if (contentType !== null) fields.push(['Content-Type', contentType])
  const length = parts.contentLength === undefined ? body?.length : parts.contentLength
  if (length !== null && length !== undefined) fields.push(['Content-Length', String(length)])
  return bytes(
    `${parts.method ?? context.method} `,
    parts.target ?? context.route,
    ` ${parts.version ?? 'HTTP/1.1'}${eol}`,
    ...fields.flatMap(([name, value]) => [`${name}: `, value, eol]),
    eol,
  )
}

/** A whole request: its head and its body. */
export function request(context: ShapeContext, parts: RequestParts = {}): Buffer {
  return bytes(head(context, parts), parts.body ?? '')
}

/** The route's good request, `{}`-like body and all: for pipelining and framing variants. */
export function goodRequest(context: ShapeContext, extra: [string, Piece][] = []): Buffer {
  return request(context, { body: context.goodBody, headers: extra })
}

/** One chunk of a chunked body. */
export function chunk(data: Piece): Buffer {
  const body = bytes(data)
  return bytes(`${body.length.toString(16)}\r\n`, body, '\r\n')
}

export const LAST_CHUNK = '0\r\n\r\n'

/** `size` bytes of `fill`, in chunks of at most 64 KiB that share one buffer. */
export function* repeated(size: number, fill = 0x20): Generator<Uint8Array> {
  const block = Buffer.alloc(Math.min(size, 64 * 1024), fill)
  for (let sent = 0; sent < size; sent += block.length) {
    yield sent + block.length <= size ? block : block.subarray(0, size - sent)
  }
}

/** A JSON body as a stream: `open`, `count` members made by `member(i)`, then `close`. */
export function* jsonMembers(
  open: string,
  count: number,
  member: (index: number) => string,
  close: string,
): Generator<Uint8Array> {
  yield Buffer.from(open)
  const batch: string[] = []
  for (let index = 0; index < count; index++) {
    batch.push((index === 0 ? '' : ',') + member(index))
    if (batch.length === 4096) {
      yield Buffer.from(batch.join(''))
      batch.length = 0
    }
  }
  yield Buffer.from(batch.join('') + close)
}

/** The byte length of a stream, without keeping it. */
export function streamLength(stream: () => Iterable<Uint8Array>): number {
  let length = 0
  for (const piece of stream()) length += piece.length
  return length
}
