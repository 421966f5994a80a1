// @ts-check
// Serves the built docs (dist/) over HTTP with sirv. Used by `pnpm start`, by this app's `start`
// script and by the browser tests, so all serve the page the same way.
//
// Given the local mock's and sandbox's URLs (`pnpm start` does), it also forwards
// /servers/mock/* and /servers/sandbox/* to them, so that the page's "Try it" console calls them
// from its own origin (the sandbox sends no CORS headers, and needs none this way), and it serves
// the page with the console's config filled in: which servers it forwards to, and the sandbox's
// test credential.
import { existsSync, readFileSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import sirv from 'sirv'
import { configElement, LOCAL_SERVERS, proxyPath } from './console-config.mjs'

const docsDistDir = fileURLToPath(new URL('../dist/', import.meta.url))

/** @default 8080 */
export const DEFAULT_PORT = 8080
/** @default '127.0.0.1' */
export const DEFAULT_HOST = '127.0.0.1'

/**
 * @typedef {object} DocsServerOptions
 * @property {number} [port] TCP port, 0 for any free one (default 8080).
 * @property {string} [host] Interface to listen on (default '127.0.0.1').
 * @property {string} [root] Directory to serve (default: this app's dist/).
 * @property {Partial<Record<import('./console-config.mjs').LocalServer, string>>} [upstreams]
 *   Base URLs of the local mock and sandbox to forward to (none by default: a static page).
 * @property {{ apiKey: string, apiSecret: string }} [sandboxCredential] The sandbox's test
 *   credential, which the console fills in when "Server" is the sandbox.
 */

/**
 * @param {DocsServerOptions} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function serveDocs({
  port = DEFAULT_PORT,
  host = DEFAULT_HOST,
  root = docsDistDir,
  upstreams = {},
  sandboxCredential,
} = {}) {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`No index.html in ${root}. Run \`pnpm build\` first.`)
  }
  const assets = sirv(root, { etag: true })
  const proxies = proxyRoutes(upstreams)
  const page = proxies.length > 0 ? configuredPage(root, upstreams, sandboxCredential) : undefined
  const agent = new http.Agent({ keepAlive: true })

  const server = http.createServer((request, response) => {
    const { pathname: path, search } = new URL(request.url ?? '/', 'http://docs')
    const proxy = proxies.find((route) => path.startsWith(`${route.prefix}/`))
    if (proxy)
      return forward(request, response, proxy, `${path.slice(proxy.prefix.length)}${search}`, agent)
    if (page && (path === '/' || path === '/index.html')) {
      // The test credential changes with every `pnpm start`: never cache this page.
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      })
      response.end(page)
      return
    }
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
        agent.destroy()
        server.close(() => resolve())
      }),
  }
}

/**
 * @typedef {{ name: string, prefix: string, upstream: URL }} ProxyRoute
 * @param {Partial<Record<import('./console-config.mjs').LocalServer, string>>} upstreams
 * @returns {ProxyRoute[]}
 */
function proxyRoutes(upstreams) {
  return LOCAL_SERVERS.flatMap((name) => {
    const url = upstreams[name]
    if (!url) return []
    const upstream = URL.canParse(url) ? new URL(url) : undefined
    if (upstream?.protocol !== 'http:') {
      throw new Error(`docs: the ${name} URL must be an absolute http URL, got "${url}"`)
    }
    return [{ name, prefix: proxyPath(name), upstream }]
  })
}

/**
 * The built page with the console's config element filled in.
 * @param {string} root
 * @param {Partial<Record<import('./console-config.mjs').LocalServer, string>>} upstreams
 * @param {{ apiKey: string, apiSecret: string } | undefined} sandboxCredential
 */
function configuredPage(root, upstreams, sandboxCredential) {
  const html = readFileSync(join(root, 'index.html'), 'utf8')
  const placeholder = configElement({})
  if (!html.includes(placeholder)) {
    throw new Error(`docs: ${root}index.html has no console config element; run \`pnpm build\``)
  }
  /** @type {import('../console/page-data.ts').ConsoleConfig} */
  const config = {
    proxied: Object.fromEntries(
      LOCAL_SERVERS.filter((name) => upstreams[name]).map((name) => [name, proxyPath(name)]),
    ),
    ...(upstreams.sandbox && sandboxCredential
      ? { credentials: { sandbox: sandboxCredential } }
      : {}),
  }
  return html.replace(placeholder, () => configElement(config))
}

/**
 * Forwards one request to a local server: method, the path after the prefix, headers and body
 * unchanged but for Host; the answer comes back unchanged. Only the page's own origin may use
 * this: a browser request from any other site (its Origin header says so) gets 403.
 * @param {http.IncomingMessage} request
 * @param {http.ServerResponse} response
 * @param {ProxyRoute} route
 * @param {string} path the path (and query) on the local server
 * @param {http.Agent} agent
 */
function forward(request, response, { name, prefix, upstream }, path, agent) {
  const origin = request.headers.origin
  if (origin !== undefined && origin !== `http://${request.headers.host}`) {
    response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' })
    response.end(`docs: only the docs page may call the ${name} through ${prefix}/\n`)
    return
  }
  const base = upstream.pathname.replace(/\/$/, '')
  const outgoing = http.request(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: request.method,
      path: `${base}${path}`,
      headers: { ...request.headers, host: upstream.host },
      agent,
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders)
      answer.pipe(response)
    },
  )
  outgoing.on('error', (error) => {
    if (!response.headersSent) {
      response.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' })
    }
    response.end(`docs: the ${name} at ${upstream.origin} is not answering (${error.message})\n`)
  })
  request.pipe(outgoing)
}
