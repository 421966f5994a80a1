// HTTP/1.1 spoken by hand over a socket, for requests that fetch cannot send: malformed request
// lines and chunked framing, bodies that stop halfway, bodies streamed until the server answers.
import net from 'node:net'

export interface RawAnswer {
  status: number
  /** The statuses of the interim (1xx) responses before it, such as 100 Continue. */
  interim: number[]
  /** Header names in lower case; values exactly as sent. */
  headers: Record<string, string>
  /** The raw header block, to check what the server wrote byte for byte. */
  head: string
  body: string
}

/** Parses one HTTP/1.1 response (after any 1xx interim ones), or undefined while incomplete. */
export function parseAnswer(bytes: Buffer): RawAnswer | undefined {
  const interim: number[] = []
  let rest = bytes
  for (;;) {
    const end = rest.indexOf('\r\n\r\n')
    if (end === -1) return undefined
    const head = rest.subarray(0, end).toString('latin1')
    const [statusLine = '', ...lines] = head.split('\r\n')
    const status = Number(statusLine.split(' ')[1])
    if (status >= 100 && status < 200) {
      interim.push(status)
      rest = rest.subarray(end + 4)
      continue
    }
    const headers: Record<string, string> = {}
    for (const line of lines) {
      const colon = line.indexOf(':')
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
    }
    const body = rest.subarray(end + 4)
    const length = Number(headers['content-length'])
    if (!Number.isFinite(length) || body.length < length) return undefined
    return { status, interim, headers, head, body: body.subarray(0, length).toString('utf8') }
  }
}

export interface RawExchange {
  socket: net.Socket
  /** Settles with the server's answer, or rejects when the socket closes without one. */
  answer: Promise<RawAnswer>
}

/** Opens a connection to `baseUrl`, writes `bytes`, and collects the answer. */
export function rawExchange(baseUrl: string, bytes: string | Buffer = ''): RawExchange {
  const { hostname, port } = new URL(baseUrl)
  const socket = net.connect(Number(port), hostname)
  socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')))
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    let received = Buffer.alloc(0)
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk])
      const parsed = parseAnswer(received)
      if (parsed) resolve(parsed)
    })
    socket.on('error', reject)
    socket.on('close', () => reject(new Error('closed without a complete answer')))
  })
  if (bytes.length > 0) socket.write(bytes)
  return { socket, answer }
}

/** Sends `bytes` on a fresh connection and returns the answer; the connection is closed after. */
export async function rawRequest(baseUrl: string, bytes: string | Buffer): Promise<RawAnswer> {
  const { socket, answer } = rawExchange(baseUrl, bytes)
  try {
    return await answer
  } finally {
    socket.destroy()
  }
}

/** A request head: request line, Host, the given headers, then the blank line. */
export function requestHead(target: string, headers: Record<string, string>, method = 'POST') {
  const lines = Object.entries({ host: 'mock.test', ...headers }).map(([k, v]) => `${k}: ${v}`)
  return `${method} ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`
}
