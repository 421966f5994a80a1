// @ts-check
// The security headers of every answer, and the Content-Security-Policy of each page, made from
// the page itself. The built pages are self-contained: their scripts are inline, so script-src
// lists the SHA-256 of each inline script (no 'unsafe-inline'); and the "Try it" console calls
// the spec's servers the page lists (#solapi-try-data) directly when no docs server forwards to
// them, and a server URL the reader types, so connect-src names those origins besides 'self'
// (the proxy); connect-origins.mjs says which typed ones.
import { createHash } from 'node:crypto'
import { LOOPBACK_CONNECT_SOURCES, loopbackAllows } from './connect-origins.mjs'

/** Headers for every answer of the docs server. */
export const SECURITY_HEADERS = Object.freeze({
  'x-content-type-options': 'nosniff',
  // The page holds the sandbox's test credential: no other site may frame it (clickjacking),
  // and no URL of it leaks to the servers it links to.
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
})

/** The policy of answers that are no page (proxied answers, 404s, errors): nothing may run. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"

// A script element's content ends at the first `</script` (HTML's script data state), which is
// what this reads; a hash that came out wrong would show as a blocked script in the browser
// tests, which record every CSP violation.
const SCRIPT_ELEMENT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi
const TYPE_ATTRIBUTE = /\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i
const SRC_ATTRIBUTE = /\bsrc\s*=/i
/** Script types a browser runs; any other type (application/json, …) is a data block. */
const EXECUTABLE_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript'])
const CONSOLE_DATA = /<script type="application\/json" id="solapi-try-data">(.*?)<\/script>/

/**
 * The Content-Security-Policy for one page.
 * @param {string} html the page exactly as served
 * @param {{ connectOrigins?: readonly string[] }} [options] origins its console may call besides
 *   its own, this machine's and the spec's servers (checked by checkedConnectOrigins)
 */
export function pageContentSecurityPolicy(html, { connectOrigins = [] } = {}) {
  const scriptSources = new Set()
  for (const [, attributes = '', content = ''] of html.matchAll(SCRIPT_ELEMENT)) {
    const typeMatch = TYPE_ATTRIBUTE.exec(attributes)
    const type = (typeMatch?.[1] ?? typeMatch?.[2] ?? typeMatch?.[3] ?? '').trim().toLowerCase()
    if (!EXECUTABLE_TYPES.has(type)) continue
    if (SRC_ATTRIBUTE.test(attributes)) scriptSources.add("'self'")
    else scriptSources.add(`'sha256-${createHash('sha256').update(content).digest('base64')}'`)
  }
  return [
    "default-src 'none'",
    `script-src ${[...scriptSources].join(' ') || "'none'"}`,
    // Redoc (styled-components) adds <style> elements and style attributes as it renders; CSS
    // cannot run script, and its hashes would change with every render.
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    `connect-src ${["'self'", ...consoleConnectSources(html, connectOrigins)].join(' ')}`,
    // Redoc's search index runs in a worker made from a blob: URL.
    'worker-src blob:',
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

/**
 * Where the page's console may send requests directly: this machine, the spec's servers and the
 * configured origins. None for a page with no console.
 * @param {string} html
 * @param {readonly string[]} connectOrigins
 * @returns {string[]}
 */
function consoleConnectSources(html, connectOrigins) {
  const data = CONSOLE_DATA.exec(html)?.[1]
  if (!data) return []
  const { servers = [] } = /** @type {{ servers?: { url: string }[] }} */ (JSON.parse(data))
  const origins = servers
    .filter(({ url }) => URL.canParse(url))
    .map(({ url }) => new URL(url).origin)
    .concat(connectOrigins)
    .filter((origin) => !loopbackAllows(origin))
  return [...LOOPBACK_CONNECT_SOURCES, ...new Set(origins)]
}
