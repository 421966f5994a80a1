// @ts-check
// The Content-Type header, read by the grammar of RFC 9110 §8.3. (The `content-type` package
// reads the same grammar, but its types are not bundled and its current major needs Node 22.)

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+"
const QUOTED = '"(?:[\\t\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\t\\x20-\\x7e])*"'
const MEDIA_TYPE = new RegExp(
  `^(${TOKEN})/(${TOKEN})((?:[\\t ]*;[\\t ]*(?:${TOKEN}=(?:${TOKEN}|${QUOTED}))?)*)$`,
)
const PARAMETER = new RegExp(`(${TOKEN})=(${TOKEN}|${QUOTED})`, 'g')

/**
 * @typedef {{ type: string, charset: string | undefined }} MediaType
 */

/**
 * `type/subtype` in lower case and the `charset` parameter (lower case, unquoted), or
 * undefined when the header is not a media type. Other parameters are ignored.
 * @param {string} header
 * @returns {MediaType | undefined}
 */
export function parseMediaType(header) {
  const match = MEDIA_TYPE.exec(header.trim())
  if (!match) return undefined
  let charset
  for (const [, name, value] of (match[3] ?? '').matchAll(PARAMETER)) {
    if (name?.toLowerCase() === 'charset' && value) {
      charset = (
        value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value
      ).toLowerCase()
    }
  }
  return { type: `${match[1]}/${match[2]}`.toLowerCase(), charset }
}

/** `application/json`, or a structured `+json` type (RFC 6839), which Prism also reads as JSON. */
export function isJsonType(/** @type {string} */ type) {
  return type === 'application/json' || /^application\/[^/]+\+json$/.test(type)
}
