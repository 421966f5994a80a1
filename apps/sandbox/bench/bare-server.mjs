// @ts-check
// The baseline of the bench's ratios: a node:http server that does no work at all.
import { startProcess } from '@solapi/devkit'

/**
 * Starts a node:http server that answers every request with `body` once the request has been
 * read, in its own process (like the sandbox it is compared with). Resolves with its URL.
 * @param {string} body
 */
export async function startBare(body) {
  const code = `
    const http = require('node:http')
    const body = process.env.BODY
    const server = http.createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(body)
      })
    })
    server.listen(0, '127.0.0.1', () =>
      console.error('listening on http://127.0.0.1:' + server.address().port))`
  const bare = startProcess(process.execPath, ['-e', code], {
    label: 'bare node:http',
    env: { BODY: body },
  })
  const [, url] = await bare.waitForOutput(/listening on (http:\/\/\S+)/, { stream: 'stderr' })
  return { process: bare, url: String(url) }
}
