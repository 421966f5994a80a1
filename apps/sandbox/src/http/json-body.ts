// How both APIs read a JSON body, so that the same mistake gets the same answer from either:
// Content-Type (415: application/json in UTF-8), then size (413, never buffered beyond the
// limit), then a body that could not be read to its end (400), UTF-8 without a byte order mark
// and JSON (400 InvalidJSON). Schema checks are each API's. The mock's guard has the same rules.
import { contentTypeProblem } from './media-type.js'

export type BodyRefusal = {
  ok: false
  status: 400 | 413 | 415
  errorCode: 'UnsupportedMediaType' | 'PayloadTooLarge' | 'InvalidJSON'
  errorMessage: string
}

export type BodyRead = { ok: true; body: unknown } | BodyRefusal

export interface BodyRules {
  /** The most bytes a body may have. */
  maxBytes: number
  /**
   * An empty body (sent with any Content-Type, or none) reads as `{}`; a body with content
   * must still be JSON.
   */
  optional?: boolean
}

/** Reads a request's JSON body by the rules above; never throws for anything the client sent. */
export async function readJsonBody(request: Request, rules: BodyRules): Promise<BodyRead> {
  const typeProblem = contentTypeProblem(request.headers.get('Content-Type') ?? undefined)
  if (typeProblem && !rules.optional) return refuse(415, 'UnsupportedMediaType', typeProblem)
  const read = await readLimited(request, rules.maxBytes)
  if (read === 'too-large') {
    return refuse(
      413,
      'PayloadTooLarge',
      `The request body is larger than ${rules.maxBytes} bytes.`,
    )
  }
  if (read === 'broken') {
    return refuse(
      400,
      'InvalidJSON',
      'The request body could not be read to its end: the connection broke off, or its chunked framing is invalid.',
    )
  }
  if (rules.optional && read.byteLength === 0) return { ok: true, body: {} }
  if (typeProblem) return refuse(415, 'UnsupportedMediaType', typeProblem)
  const text = decodeUtf8(read)
  if (text === undefined) return refuse(400, 'InvalidJSON', 'Request body is not valid UTF-8.')
  if (text.startsWith('\ufeff')) {
    return refuse(
      400,
      'InvalidJSON',
      'Request body starts with a byte order mark (U+FEFF); JSON text must not (RFC 8259 section 8.1).',
    )
  }
  try {
    return { ok: true, body: JSON.parse(text) }
  } catch (cause) {
    return refuse(400, 'InvalidJSON', describeJsonError(text, cause))
  }
}

function refuse(
  status: BodyRefusal['status'],
  errorCode: BodyRefusal['errorCode'],
  errorMessage: string,
): BodyRefusal {
  return { ok: false, status, errorCode, errorMessage }
}

/**
 * The body, `too-large` when it has more than `max` bytes, by Content-Length or, for a chunked
 * body, counted while reading (nothing beyond the limit is buffered), or `broken` when the
 * stream fails: a client that leaves mid-body, or a chunk size that is not one. (Hono's
 * body-limit rebuilds a chunked request with the global Request, which cannot take the request
 * @hono/node-server makes when the sandbox leaves the process's globals alone.)
 */
async function readLimited(
  request: Request,
  max: number,
): Promise<Uint8Array | 'too-large' | 'broken'> {
  const declared = request.headers.get('Content-Length')
  if (Number(declared) > max) return 'too-large'
  // A body of a declared length within the limit is read whole: the server never reads past
  // Content-Length, and @hono/node-server then reads it straight from the socket instead of
  // building a stream for it (the bench's throughput floor counts that cost on every request).
  if (declared !== null && /^\d+$/.test(declared)) {
    return request.arrayBuffer().then(
      (bytes) => new Uint8Array(bytes),
      () => 'broken' as const,
    )
  }
  const reader = request.body?.getReader()
  if (!reader) return new Uint8Array(0)
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.byteLength
      if (size > max) {
        await reader.cancel().catch(() => {})
        return 'too-large'
      }
      chunks.push(read.value)
    }
  } catch {
    return 'broken'
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

// ignoreBOM keeps a leading byte order mark in the text (the default drops it unseen), so that
// it can be refused, as the mock refuses it (RFC 8259 section 8.1 forbids sending one).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** The body as text, or undefined when it is not UTF-8. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes)
  } catch {
    return undefined
  }
}

/** The parser's position, never the body itself (it might hold something private). */
function describeJsonError(text: string, cause: unknown): string {
  if (text.trim() === '') return 'Request body is empty; send a JSON object such as {}.'
  const position = /position (\d+)/.exec(String((cause as Error)?.message))?.[1]
  return position
    ? `Request body is not valid JSON: syntax error at position ${position}.`
    : 'Request body is not valid JSON.'
}
