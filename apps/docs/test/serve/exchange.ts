import http from 'node:http'
import net from 'node:net'

// Requests to the docs server exactly as written (fetch would normalize the target and refuse
// some headers), and their answers.

export interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

export interface Exchange {
  method?: string
  /** The request target, sent as it is. */
  path: string
  /** Host is `127.0.0.1:<port>` unless given. */
  headers?: Record<string, string | number>
  /** The body, in one piece or as chunks written one after the other. */
  body?: string | Buffer | Buffer[]
}

export function exchange(port: number, { method = 'GET', path, headers = {}, body }: Exchange) {
  return new Promise<Answer>((resolve, reject) => {
    let answered = false
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        setHost: false,
        agent: false,
        headers: { host: `127.0.0.1:${port}`, ...headers },
      },
      (response) => {
        answered = true
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk) => {
          text += chunk
        })
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        )
        response.on('error', reject)
      },
    )
    // The server may answer (413) and close before all of a body is written.
    request.on('error', (error) => {
      if (!answered) reject(error)
    })
    if (Array.isArray(body)) {
      for (const chunk of body) request.write(chunk)
      request.end()
    } else request.end(body)
  })
}

/** Sends raw bytes on a new connection and resolves with all that comes back. */
export function rawExchange(port: number, bytes: Buffer) {
  return new Promise<string>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes))
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk) => {
      text += chunk
    })
    socket.on('close', () => resolve(text))
    socket.on('error', reject)
  })
}
