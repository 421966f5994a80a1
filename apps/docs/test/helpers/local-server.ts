import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A throw-away HTTP server on a free port of 127.0.0.1 that hands each request, with its body
 * read, to `answer`.
 */
export async function startLocalServer(
  answer: (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void,
) {
  const server = http.createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => {
      body += chunk
    })
    request.on('end', () => answer(request, body, response))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
