import http from 'node:http'
import type { AddressInfo } from 'node:net'

// A stand-in for the mock or the sandbox behind the docs proxy: it records every request that
// reaches it (the docs proxy is what these tests examine), and answers as the test says.

export interface Recorded {
  method: string | undefined
  url: string | undefined
  headers: http.IncomingHttpHeaders
  body: Buffer
}

type Answer = (request: Recorded, response: http.ServerResponse) => void

const answerOk: Answer = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' })
  response.end('{"ok":true}')
}

export async function startRecordingUpstream(answer: Answer = answerOk) {
  const received: Recorded[] = []
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const recorded = {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: Buffer.concat(chunks),
      }
      received.push(recorded)
      answer(recorded, response)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
