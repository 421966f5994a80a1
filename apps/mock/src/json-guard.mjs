// @ts-check
// Prism 5.14 never answers a request whose JSON body does not parse: its server waits for an
// 'end' event of the request that has already fired, so the caller hangs until it times out.
// This guard listens on the public port in front of Prism: a body sent as JSON that does not
// parse gets the spec's `400 InvalidJSON` example at once; every other request goes to Prism
// unchanged (method, path, headers, body), and Prism's answer comes back unchanged.
import http from 'node:http'

/** @param {string | undefined} contentType */
function isJson(contentType) {
  return /^application\/([\w.+-]*\+)?json\b/i.test(contentType ?? '')
}

/**
 * Listens on the public port at once, so that a busy port is refused before Prism starts.
 * Requests that arrive before `forwardTo` names Prism's port wait for it rather than fail.
 * A busy port rejects with an error whose `code` is `EADDRINUSE` and whose message names it.
 * @param {{ port: number, host: string, invalidJsonBody: unknown }} options
 * @returns {Promise<{ port: number, forwardTo: (upstreamPort: number) => void, close: () => Promise<void> }>}
 */
export async function startJsonGuard({ port, host, invalidJsonBody }) {
  const agent = new http.Agent({ keepAlive: true })
  /** @type {(port: number) => void} */
  let forwardTo = () => {}
  /** @type {Promise<number>} */
  const upstreamPort = new Promise((resolve) => {
    forwardTo = resolve
  })
  const server = http.createServer((request, response) => {
    /** @type {Buffer[]} */
    const chunks = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', async () => {
      const body = Buffer.concat(chunks)
      if (body.length > 0 && isJson(request.headers['content-type'])) {
        try {
          JSON.parse(body.toString('utf8'))
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error)
          response.writeHead(400, {
            'content-type': 'application/json',
            'sl-violations': JSON.stringify([
              { location: ['request', 'body'], severity: 'Error', code: 'InvalidJSON', message },
            ]),
          })
          response.end(JSON.stringify(invalidJsonBody))
          return
        }
      }
      const upstream = http.request(
        {
          host: '127.0.0.1',
          port: await upstreamPort,
          method: request.method,
          path: request.url,
          headers: request.headers,
          agent,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders)
          answer.pipe(response)
        },
      )
      upstream.on('error', (error) => {
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' })
        response.end(`Prism is not answering: ${error.message}\n`)
      })
      upstream.end(body)
    })
  })
  await new Promise((resolve, reject) => {
    server.once('error', (/** @type {NodeJS.ErrnoException} */ error) => {
      if (error.code === 'EADDRINUSE') {
        error.message = `port ${port} on ${host} is already in use`
      }
      reject(error)
    })
    server.listen(port, host, () => resolve(undefined))
  })
  const address = server.address()
  return {
    port: typeof address === 'object' && address ? address.port : port,
    forwardTo,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        agent.destroy()
        server.close(() => resolve())
      }),
  }
}
