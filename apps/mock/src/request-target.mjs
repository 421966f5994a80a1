// @ts-check
// Which request targets the guard passes to Prism. Prism builds `new URL(target, base)` and
// decodes the path; a target that breaks either (`//[/x`, `http://[junk`) made it answer 500,
// and one whose percent-escapes are not UTF-8 made it fail deeper in. So only a target of the
// shape RFC 9112 section 3.2 names goes on, written as a path (origin-form).

// RFC 3986 §3.3: a path is segments of pchar (unreserved, sub-delims, ":", "@", %XX).
const PATH = /^(?:\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*)+$/
// RFC 3986 §3.4, with the few ASCII characters browsers leave unescaped in a query allowed.
const QUERY = /^(?:[\x21-\x22\x24-\x7e]|%[0-9A-Fa-f]{2})*$/
const ABSOLUTE_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//

/**
 * @typedef {{ ok: true, target: string } | { ok: false, errorMessage: string }} TargetCheck
 */

/**
 * The target as a path and query, or why it is refused. Never quotes the target.
 * @param {string | undefined} raw
 * @returns {TargetCheck}
 */
export function checkRequestTarget(raw) {
  let target = raw ?? ''
  if (ABSOLUTE_FORM.test(target)) {
    // absolute-form (RFC 9112 §3.2.2): a server must accept it; its path is what counts.
    const url = URL.canParse(target) ? new URL(target) : undefined
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      return refuse('an absolute-form target must be an http or https URL')
    }
    target = `${url.pathname}${url.search}`
  }
  if (!target.startsWith('/')) return refuse('the target must be a path that starts with /')
  if (target.startsWith('//')) return refuse('the path must not start with // (it reads as a host)')
  const queryAt = target.indexOf('?')
  const path = queryAt === -1 ? target : target.slice(0, queryAt)
  const query = queryAt === -1 ? '' : target.slice(queryAt + 1)
  if (!PATH.test(path)) {
    return refuse('the path may hold only RFC 3986 path characters and %XX escapes')
  }
  if (!QUERY.test(query)) return refuse('the query may hold only visible ASCII and %XX escapes')
  try {
    decodeURIComponent(path)
    decodeURIComponent(query)
  } catch {
    return refuse('its %XX escapes must spell UTF-8 text (RFC 3986 section 2.5)')
  }
  return { ok: true, target }
}

/** @param {string} rule */
function refuse(rule) {
  return /** @type {const} */ ({ ok: false, errorMessage: `Malformed request target: ${rule}.` })
}
