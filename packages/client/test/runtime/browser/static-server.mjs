// A tiny static server for a test page on its own origin (127.0.0.1, a free port): `/` is the
// page, `/dist/` the built package, `/test/runtime/` the shared cases, and `/vendor/` the ESM
// files of openapi-fetch and @noble/hashes (mapped by the page's import map); no bundler.
import { readFile, realpath } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'

const packageDir = fileURLToPath(new URL('../../../', import.meta.url))
const ROUTES = {
  '/dist/': join(packageDir, 'dist'),
  '/test/runtime/': join(packageDir, 'test/runtime'),
  '/vendor/openapi-fetch/': join(packageDir, 'node_modules/openapi-fetch/dist'),
  '/vendor/noble-hashes/': join(packageDir, 'node_modules/@noble/hashes'),
}
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript' }

/**
 * Serves `page` (a file of this folder) at `/`; resolves once it listens.
 * @param {string} page
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveTestPage(page) {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname
    const prefix = Object.keys(ROUTES).find((p) => path.startsWith(p))
    const file =
      path === '/'
        ? join(packageDir, 'test/runtime/browser', page)
        : prefix && normalize(join(ROUTES[prefix], path.slice(prefix.length)))
    try {
      if (!file || (prefix && !file.startsWith(ROUTES[prefix]))) throw new Error('outside')
      const body = await readFile(await realpath(file))
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      })
      response.end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve(undefined))
      }),
  }
}
