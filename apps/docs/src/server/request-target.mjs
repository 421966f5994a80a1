// @ts-check
// Reads a request's target (the URL in its request line) without ever throwing. The docs server
// answers only origin-form targets (`/path?query`, RFC 9112 §3.2.1): a proxy's absolute form
// (`http://host/x`), CONNECT's authority form and OPTIONS' `*` name no page here. A target that
// starts with `//` or holds a backslash is refused too: the WHATWG URL parser would read its
// start as a host (`//[/x` is an invalid host and throws), so what it names depends on the parser.

/** The host of the base the target is resolved against; resolving must never leave it. */
const BASE_HOST = 'docs.invalid'

/**
 * @typedef {{ ok: true, pathname: string, search: string }
 *   | { ok: false, reason: string }} RequestTarget
 *   `pathname` has its dot segments resolved and stays percent-encoded; `search` keeps its `?`.
 */

/**
 * @param {string | undefined} target the request's `url` as Node read it
 * @returns {RequestTarget}
 */
export function parseRequestTarget(target) {
  if (!target?.startsWith('/')) {
    return refuse('the request target must be a path starting with "/" (origin-form)')
  }
  if (target.startsWith('//')) return refuse('the request target must not start with "//"')
  if (target.includes('\\')) return refuse('the request target must not contain "\\"')
  const base = `http://${BASE_HOST}`
  if (!URL.canParse(target, base)) return refuse('the request target is not a valid path')
  const url = new URL(target, base)
  if (url.host !== BASE_HOST) return refuse('the request target must name a path on this server')
  try {
    decodeURIComponent(url.pathname)
  } catch {
    return refuse('every "%" in the request target must start a percent-encoded UTF-8 character')
  }
  return { ok: true, pathname: url.pathname, search: url.search }
}

/** @param {string} reason */
const refuse = (reason) => /** @type {const} */ ({ ok: false, reason })
