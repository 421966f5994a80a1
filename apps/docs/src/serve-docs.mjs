// @ts-check
// Serves the built docs (dist/) over HTTP with sirv. Used by `pnpm start`, by this app's `start`
// script and by the browser test, so all three serve the page the same way.
import { existsSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import sirv from 'sirv'

export const docsDistDir = fileURLToPath(new URL('../dist/', import.meta.url))

/** @default 8080 */
export const DEFAULT_PORT = 8080
/** @default '127.0.0.1' */
export const DEFAULT_HOST = '127.0.0.1'

/**
 * @typedef {object} DocsServerOptions
 * @property {number} [port] TCP port, 0 for any free one (default 8080).
 * @property {string} [host] Interface to listen on (default '127.0.0.1').
 * @property {string} [root] Directory to serve (default: this app's dist/).
 */

/**
 * @param {DocsServerOptions} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function serveDocs({
  port = DEFAULT_PORT,
  host = DEFAULT_HOST,
  root = docsDistDir,
} = {}) {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`No index.html in ${root}. Run \`pnpm build\` first.`)
  }
  const assets = sirv(root, { etag: true })
  const server = http.createServer((request, response) => {
    assets(request, response, () => {
      response.statusCode = 404
      response.setHeader('content-type', 'text/plain; charset=utf-8')
      response.end('Not found\n')
    })
  })
  await new Promise((resolve, reject) => {
    server.once('error', (/** @type {NodeJS.ErrnoException} */ error) => {
      if (error.code === 'EADDRINUSE')
        error.message = `docs: port ${port} on ${host} is already in use`
      reject(error)
    })
    server.listen(port, host, () => resolve(undefined))
  })
  const address = server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
