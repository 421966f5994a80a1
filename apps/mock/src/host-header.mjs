// @ts-check
// RFC 9112 §3.2: a server must answer 400 to an HTTP/1.1 request without Host, to a request with
// more than one Host header field, or with a Host that is not a valid `uri-host [ ":" port ]`.
// node:http keeps only the first of several Host fields in `headers`, so the check reads
// `rawHeaders`.

// RFC 3986 §3.2.2: a bracketed IP literal, or a reg-name (unreserved, sub-delims, %XX); then an
// optional port. Raw UTF-8 (an IDN not in punycode), "/", "?", "#" and a lone "[" are not.
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)(?::(\d*))?$/
const MAX_PORT = 65_535

/**
 * Why the Host header fields are refused, or undefined. Never quotes them.
 * @param {string[]} rawHeaders name, value, name, value, ... as received
 * @param {string} httpVersion '1.1', '1.0'
 * @returns {string | undefined}
 */
export function checkHostHeaders(rawHeaders, httpVersion) {
  /** @type {string[]} */
  const values = []
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'host') values.push(rawHeaders[i + 1] ?? '')
  }
  if (values.length === 0 && httpVersion === '1.1') {
    return refuse('an HTTP/1.1 request must carry a Host header field')
  }
  if (values.length > 1) return refuse('a request carries one Host header field, not several')
  const [value] = values
  // An empty Host is allowed: the target has no authority (RFC 9112 §3.2).
  if (value === undefined || value === '') return undefined
  const match = HOST.exec(value)
  if (!match) {
    return refuse(
      'it must be a host name in ASCII (RFC 3986 section 3.2.2: letters, digits, "-._~", %XX; a non-ASCII name in punycode) or a bracketed IP literal, with an optional port',
    )
  }
  if (match[1] && Number(match[1]) > MAX_PORT) return refuse(`its port must be at most ${MAX_PORT}`)
  return undefined
}

/** @param {string} rule */
const refuse = (rule) => `Malformed Host header: ${rule}.`
