// Reads the HTTP/1.x responses out of the bytes a server sent on one connection. Hostile
// requests get odd answers (several on one connection after pipelining or a smuggled request,
// interim 100s, bodies that end with the connection), so this parses what came, however much,
// and says which responses are whole.

export interface ParsedResponse {
  status: number
  reason: string
  /** Header fields in the order sent; names lower-cased. */
  headers: [string, string][]
  body: Buffer
  /** Whether the whole body arrived (by Content-Length, chunked framing or the close). */
  complete: boolean
}

export interface ParsedStream {
  /** Final responses (1xx interim responses are skipped), the last one possibly incomplete. */
  responses: ParsedResponse[]
  /** Interim (1xx) responses seen. */
  interim: number
  /** Bytes after the last response that do not start a response (e.g. garbage). */
  error?: string
}

export interface ParseOptions {
  /** The server has closed the connection: a body delimited by the close is whole. */
  closed: boolean
  /** Responses to HEAD requests carry no body. */
  bodyless?: boolean
}

const STATUS_LINE = /^HTTP\/\d(?:\.\d)? (\d{3})(?: (.*))?$/

export function header(response: ParsedResponse, name: string): string | undefined {
  return response.headers.find(([key]) => key === name)?.[1]
}

export function parseResponses(bytes: Buffer, options: ParseOptions): ParsedStream {
  const responses: ParsedResponse[] = []
  let interim = 0
  let offset = 0
  while (offset < bytes.length) {
    const headEnd = findHeadEnd(bytes, offset)
    if (!headEnd) {
      const started = bytes.subarray(offset, offset + 5).toString('latin1')
      if (!'HTTP/'.startsWith(started) && !started.startsWith('HTTP/'))
        return { responses, interim, error: `not an HTTP response: ${preview(bytes, offset)}` }
      return { responses, interim }
    }
    const lines = bytes.subarray(offset, headEnd.start).toString('latin1').split(/\r?\n/)
    const statusLine = STATUS_LINE.exec(lines[0] ?? '')
    if (!statusLine)
      return { responses, interim, error: `bad status line: ${preview(bytes, offset)}` }
    const status = Number(statusLine[1])
    const headers = lines.slice(1).map((line): [string, string] => {
      const colon = line.indexOf(':')
      return colon < 0
        ? [line.toLowerCase(), '']
        : [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]
    })
    const response: ParsedResponse = {
      status,
      reason: statusLine[2] ?? '',
      headers,
      body: Buffer.alloc(0),
      complete: true,
    }
    offset = headEnd.end
    if (status >= 100 && status < 200) {
      interim++
      continue
    }
    responses.push(response)
    if (options.bodyless || status === 204 || status === 304) continue
    const chunked = /\bchunked\b/i.test(header(response, 'transfer-encoding') ?? '')
    const length = header(response, 'content-length')
    if (chunked) {
      const read = readChunked(bytes, offset)
      response.body = read.body
      response.complete = read.complete
      offset = read.end
    } else if (length !== undefined && /^\d+$/.test(length)) {
      const end = offset + Number(length)
      response.body = bytes.subarray(offset, Math.min(end, bytes.length))
      response.complete = end <= bytes.length
      offset = Math.min(end, bytes.length)
    } else {
      response.body = bytes.subarray(offset)
      response.complete = options.closed
      offset = bytes.length
    }
    if (!response.complete) break
  }
  return { responses, interim }
}

function findHeadEnd(bytes: Buffer, from: number): { start: number; end: number } | undefined {
  const crlf = bytes.indexOf('\r\n\r\n', from, 'latin1')
  const lf = bytes.indexOf('\n\n', from, 'latin1')
  if (crlf >= 0 && (lf < 0 || crlf <= lf)) return { start: crlf, end: crlf + 4 }
  if (lf >= 0) return { start: lf, end: lf + 2 }
  return undefined
}

function readChunked(
  bytes: Buffer,
  from: number,
): { body: Buffer; complete: boolean; end: number } {
  const parts: Buffer[] = []
  let offset = from
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', offset, 'latin1')
    if (lineEnd < 0) return { body: Buffer.concat(parts), complete: false, end: bytes.length }
    const size = Number.parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16)
    if (!Number.isFinite(size))
      return { body: Buffer.concat(parts), complete: false, end: bytes.length }
    offset = lineEnd + 2
    if (size === 0) {
      // Trailer fields, then an empty line.
      const trailerEnd = bytes.indexOf('\r\n\r\n', offset - 2, 'latin1')
      if (trailerEnd < 0) return { body: Buffer.concat(parts), complete: false, end: bytes.length }
      return { body: Buffer.concat(parts), complete: true, end: trailerEnd + 4 }
    }
    if (offset + size + 2 > bytes.length) {
      parts.push(bytes.subarray(offset, Math.min(offset + size, bytes.length)))
      return { body: Buffer.concat(parts), complete: false, end: bytes.length }
    }
    parts.push(bytes.subarray(offset, offset + size))
    offset += size + 2
  }
}

/** The first bytes at `offset`, printable, for a message. */
export function preview(bytes: Buffer, offset = 0, length = 120): string {
  return JSON.stringify(bytes.subarray(offset, offset + length).toString('latin1'))
}
