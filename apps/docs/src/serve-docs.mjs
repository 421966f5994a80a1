// @ts-check
// Serves the built docs (dist/) over HTTP. Used by `pnpm start`, by this app's `start` script and
// by the browser tests, so all serve the page the same way.
//
// Given the local mock's and sandbox's URLs (`pnpm start` does), it also forwards
// /servers/mock/* and /servers/sandbox/* to them, so that the page's "Try it" console calls them
// from its own origin (no CORS grant is needed this way; the page also works from a static host,
// calling servers that grant its origin CORS), and it serves
// the page with the console's config filled in: which servers it forwards to, and the sandbox's
// test credential.
//
// Because that page holds a credential, the server answers only its own Host names (DNS
// rebinding), only origin-form targets, and with a Content-Security-Policy made from each page,
// which lets the console call only its own origin, this machine, the spec's servers and the
// origins named in `connectOrigins` (server/connect-origins.mjs says why); no request can stop
// it (server/guarded-handler.mjs).
import { existsSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { credentialsContract } from '@solapi/credentials-spec'
import sirv from 'sirv'
import { configElement, LOCAL_SERVERS, proxyPath } from './console-config.mjs'
import { allowedHosts } from './server/allowed-hosts.mjs'
import { answerText } from './server/answer-text.mjs'
import { answerClientError, refuseConnect } from './server/client-error.mjs'
import { checkedConnectOrigins } from './server/connect-origins.mjs'
import { guardedHandler } from './server/guarded-handler.mjs'
import { NON_PAGE_CSP, SECURITY_HEADERS } from './server/page-security.mjs'
import { loadPages } from './server/pages.mjs'
import { forward } from './server/proxy.mjs'
import { parseRequestTarget } from './server/request-target.mjs'

const docsDistDir = fileURLToPath(new URL('../dist/', import.meta.url))

/** @default 8080 */
export const DEFAULT_PORT = 8080
/** @default '127.0.0.1' */
export const DEFAULT_HOST = '127.0.0.1'
/** How long a client may take to send a whole request, and a local server to answer one. */
export const DEFAULT_TIMEOUT_MS = 30_000

/**
 * @typedef {object} DocsServerOptions
 * @property {number} [port] TCP port, 0 for any free one (default 8080).
 * @property {string} [host] Interface to listen on (default '127.0.0.1').
 * @property {string} [root] Directory to serve (default: this app's dist/).
 * @property {Partial<Record<import('./console-config.mjs').LocalServer, string>>} [upstreams]
 *   Base URLs of the local mock and sandbox to forward to (none by default: a static page).
 * @property {{ apiKey: string, apiSecret: string }} [sandboxCredential] The sandbox's test
 *   credential, which the console fills in when "Server" is the sandbox.
 * @property {string[]} [hostNames] Host header values it answers besides its own loopback names
 *   (`docs.example.com`, `docs.example.com:8443`): the names of a hosted copy. Any other Host
 *   gets 421.
 * @property {string[]} [connectOrigins] Origins the console may call directly besides its own,
 *   this machine's (127.0.0.1, localhost, any port) and the spec's servers: a server URL readers
 *   type (`https://staging.example.com`). Each must be an http or https origin.
 * @property {number} [requestTimeoutMs] How long a client may take to send a request (408 after).
 * @property {number} [upstreamTimeoutMs] How long the mock or sandbox may take to answer (504).
 * @property {(line: string) => void} [log] Where internal errors are logged (stderr).
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
  hostNames = [],
  connectOrigins = [],
  requestTimeoutMs = DEFAULT_TIMEOUT_MS,
  upstreamTimeoutMs = DEFAULT_TIMEOUT_MS,
  log,
} = {}) {
  const policy = { connectOrigins: checkedConnectOrigins(connectOrigins) }
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`No index.html in ${root}. Run \`pnpm build\` first.`)
  }
  // Files other than the pages (none today) come from sirv.
  const assets = sirv(root, {
    etag: true,
    setHeaders: (response) => response.setHeader('content-security-policy', NON_PAGE_CSP),
  })
  const agent = new http.Agent({ keepAlive: true })
  const proxies = proxyRoutes(upstreams).map((route) => ({
    ...route,
    agent,
    maxBodyBytes: credentialsContract.limits.maxRequestBodyBytes,
    timeoutMs: upstreamTimeoutMs,
  }))
  const pages = loadPages(
    root,
    (name, html) =>
      name === 'index.html' && proxies.length > 0
        ? // The test credential changes with every `pnpm start`: never cache this page.
          {
            html: configuredPage(root, html, upstreams, sandboxCredential),
            cacheControl: 'no-store',
          }
        : { html },
    policy,
  )
  /** Set once the port is known (port 0 picks one), before any request can come in. */
  let hosts = allowedHosts({ port, listenHost: host, hostNames })

  /**
   * @param {http.IncomingMessage} request
   * @param {http.ServerResponse} response
   * @returns {Promise<void>}
   */
  const answer = async (request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value)
    response.setHeader('content-security-policy', NON_PAGE_CSP)
    if (!hosts.allows(request.headers.host)) {
      return answerText(
        response,
        421,
        `this server answers only for the Host ${hosts.names.join(', ')}; the request named another (DOCS_HOST_NAMES, or serveDocs's hostNames, adds names)`,
      )
    }
    const target = parseRequestTarget(request.url)
    if (!target.ok) return answerText(response, 400, target.reason)
    const { pathname: path, search } = target
    // What sirv reads: the path as routed here, dot segments resolved.
    request.url = `${path}${search}`
    const proxy = proxies.find((route) => path.startsWith(`${route.prefix}/`))
    if (proxy)
      return forward(request, response, proxy, `${path.slice(proxy.prefix.length)}${search}`)
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return answerText(response, 405, `${path} can only be read (GET or HEAD)`, {
        allow: 'GET, HEAD',
      })
    }
    const page = pages.get(path)
    if (page) {
      response.setHeader('content-security-policy', page.contentSecurityPolicy)
      response.setHeader('cache-control', page.cacheControl)
      response.setHeader('etag', page.etag)
      if (request.headers['if-none-match'] === page.etag) {
        response.writeHead(304).end()
        return
      }
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(page.body),
      })
      response.end(request.method === 'HEAD' ? undefined : page.body)
      return
    }
    // sirv pipes a file it listed at startup; if the file is gone by now, its read stream fails,
    // and that error, unheard, would stop the process.
    response.once('pipe', (file) => file.once('error', () => response.destroy()))
    assets(request, response, () => answerText(response, 404, `nothing at ${path}`))
  }

  const server = http.createServer(
    {
      requestTimeout: requestTimeoutMs,
      // How often Node looks for requests past their timeout (30 s by default).
      connectionsCheckingInterval: Math.min(requestTimeoutMs / 2, 30_000),
    },
    guardedHandler(answer, log),
  )
  server.on('clientError', answerClientError)
  server.on('connect', refuseConnect)
  /** @type {number} */
  const actualPort = await new Promise((resolve, reject) => {
    server.once('error', (/** @type {NodeJS.ErrnoException} */ error) => {
      if (error.code === 'EADDRINUSE')
        error.message = `docs: port ${port} on ${host} is already in use`
      reject(error)
    })
    server.listen(port, host, () => {
      const address = server.address()
      const actualPort = typeof address === 'object' && address ? address.port : port
      hosts = allowedHosts({ port: actualPort, listenHost: host, hostNames })
      resolve(actualPort)
    })
  })
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${urlHost}:${actualPort}`,
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
 * @param {string} html
 * @param {Partial<Record<import('./console-config.mjs').LocalServer, string>>} upstreams
 * @param {{ apiKey: string, apiSecret: string } | undefined} sandboxCredential
 */
function configuredPage(root, html, upstreams, sandboxCredential) {
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
