// CORS: which browser origins may read the sandbox's answers. Both APIs are authenticated by a
// header (an HMAC signature, a bearer token), never by cookies, so no grant ever includes
// credentials mode: a page can only do what its own code can sign. Hono's `cors` middleware
// writes the grant; this module decides who gets one and adds what it does not cover (Private
// Network Access).
import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { isLoopback } from '../domain/control-token.js'
import type { Env } from './context.js'

/**
 * What a CORS setting may list: `*` (any origin), `loopback` (any http or https origin whose
 * host is localhost, 127.0.0.0/8 or [::1], on any port), `null` (the opaque origin of a file://
 * page or a sandboxed frame), or an origin such as `https://app.example`.
 */
export const CORS_KEYWORDS = ['*', 'loopback', 'null'] as const

/**
 * Who the Credentials API grants CORS to unless told otherwise: pages on this machine (a web
 * app in development, the docs served locally) and the hosted docs (GitHub Pages of the
 * repository the spec names, https://github.com/solapi/credentials-toolkit).
 */
export const DEFAULT_CORS_ORIGINS: readonly string[] = ['loopback', 'https://solapi.github.io']

/** The headers a browser page may read: those the client and the docs console read. */
const EXPOSED_HEADERS = ['Date', 'Retry-After', 'X-Request-Id']

/** How long a browser may keep a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600

/** The rule an entry of a CORS setting breaks, or undefined when it is one. */
export function corsEntryProblem(entry: string): string | undefined {
  if ((CORS_KEYWORDS as readonly string[]).includes(entry)) return undefined
  let url: URL
  try {
    url = new URL(entry)
  } catch {
    return 'is not *, loopback, null or an origin such as https://example.com'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be http or https'
  if (url.origin !== entry) {
    return 'must be an origin as a browser sends it: scheme, lower-case host and port only (no path, no trailing slash, no default port)'
  }
  return undefined
}

/** Whether `origin` (an Origin header) is one the entries grant. */
export function originAllowed(entries: readonly string[], origin: string): boolean {
  return entries.some((entry) => {
    if (entry === '*' || entry === origin) return true
    return entry === 'loopback' && isLoopbackOrigin(origin)
  })
}

function isLoopbackOrigin(origin: string): boolean {
  if (origin === 'null') return false
  try {
    const url = new URL(origin)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
    return url.origin === origin && isLoopback(url.hostname)
  } catch {
    return false
  }
}

export interface CorsApi {
  /** Who gets a grant (see CORS_KEYWORDS); none when empty. */
  origins: readonly string[]
  /** The methods the API takes. */
  methods: string[]
  /** The request headers a page may send. */
  headers: string[]
}

/**
 * The CORS middleware of one API. A preflight (OPTIONS with Access-Control-Request-Method) from
 * an origin the setting grants gets 204 with the grant, and `Access-Control-Allow-Private-
 * Network: true` when it asks for it (Chrome asks before a public page may call a loopback
 * server); from any other origin it gets 204 with no Access-Control-* header at all, which the
 * browser refuses. An
 * answer to a granted origin carries `Access-Control-Allow-Origin` and exposes the headers the
 * client reads; an answer to any other origin, none. Requests with no Origin (curl, Node, a same-origin page) are left alone, and so
 * is a plain OPTIONS: it is the API's own 405.
 */
export function corsFor(api: CorsApi): MiddlewareHandler<Env> {
  if (api.origins.length === 0) return (_, next) => next()
  const anyOrigin = api.origins.includes('*')
  const grant = cors({
    // Only granted origins reach it (below).
    origin: anyOrigin ? '*' : (origin) => origin,
    allowMethods: api.methods,
    allowHeaders: api.headers,
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE,
    credentials: false,
  })
  return async (c, next) => {
    const origin = c.req.header('Origin')
    if (origin === undefined) return next()
    const preflight = c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method')
    // A plain OPTIONS is no preflight: the API answers it (405).
    if (c.req.method === 'OPTIONS' && !preflight) return next()
    if (!originAllowed(api.origins, origin)) {
      // No grant: not one Access-Control-* header, so the browser keeps the answer from the page.
      return preflight ? c.body(null, 204) : next()
    }
    if (preflight && c.req.header('Access-Control-Request-Private-Network') === 'true') {
      c.header('Access-Control-Allow-Private-Network', 'true')
      c.header('Vary', 'Access-Control-Request-Private-Network', { append: true })
    }
    return grant(c, next)
  }
}

/** Whether a request is a CORS preflight (it is not an operation: the journal leaves it out). */
export function isPreflight(request: Request): boolean {
  return request.method === 'OPTIONS' && request.headers.has('Access-Control-Request-Method')
}
