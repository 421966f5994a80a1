// @ts-check
// HTTP header values may carry only visible ASCII, space and tab safely: Node throws
// ERR_INVALID_CHAR for anything above U+00FF, and bytes 0x80-0xFF mean different text to
// different clients. Every header value the mock writes, its own and Prism's, goes through here.

/**
 * The most characters a header value keeps: Prism's own cap for `sl-violations`. Escaping can
 * make a value six times longer, and HTTP clients (the guard's own included) refuse a header
 * block over 16 KiB.
 */
export const MAX_HEADER_VALUE_LENGTH = 8 * 1024

/**
 * `value` with every character outside visible ASCII, space and tab written as `\uXXXX` (so a
 * JSON value stays valid JSON), cut to {@link MAX_HEADER_VALUE_LENGTH} characters.
 * @param {string} value
 */
export function safeHeaderValue(value) {
  const escaped = value.replace(
    /[^\t\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  return escaped.length > MAX_HEADER_VALUE_LENGTH
    ? escaped.slice(0, MAX_HEADER_VALUE_LENGTH)
    : escaped
}

/**
 * Prism's `sl-violations` header (a JSON array of violations) made safe: as many whole
 * violations as fit, each written in ASCII, so that it stays a JSON array a client can parse.
 * @param {unknown[]} violations
 */
export function violationsHeader(violations) {
  /** @type {string[]} */
  const kept = []
  let length = 2
  for (const violation of violations) {
    const text = safeHeaderValue(JSON.stringify(violation))
    if (length + text.length + 1 > MAX_HEADER_VALUE_LENGTH) break
    kept.push(text)
    length += text.length + 1
  }
  return `[${kept.join(',')}]`
}
