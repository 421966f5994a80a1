// @ts-check
// RFC 9112 §3.2: a server must answer 400 to a request with more than one Host header field.
// node:http keeps only the first of them in `headers.host`, so the Host allow-list (421) would
// pass a request whose second Host names another server, and a proxy or cache in front that
// reads the other one would disagree with this server about where the request goes.

/**
 * Why the request's Host fields are refused, or undefined. Never quotes them.
 * @param {string[]} rawHeaders name, value, name, value, … as received
 * @returns {string | undefined}
 */
export function hostFieldsRefusal(rawHeaders) {
  let count = 0
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'host') count += 1
  }
  return count > 1
    ? 'a request carries one Host header field, not several (RFC 9112 section 3.2)'
    : undefined
}
