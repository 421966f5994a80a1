// The Content-Type header, read by the grammar of RFC 9110 §8.3, so that a quoted or upper-case
// charset reads as what it says. (The `content-type` package reads the same grammar, but its
// types are not bundled; the mock's guard reads the header by the same rules.)

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+"
const QUOTED = '"(?:[\\t\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\t\\x20-\\x7e])*"'
const MEDIA_TYPE = new RegExp(
  `^(${TOKEN})/(${TOKEN})((?:[\\t ]*;[\\t ]*(?:${TOKEN}=(?:${TOKEN}|${QUOTED}))?)*)$`,
)
const PARAMETER = new RegExp(`(${TOKEN})=(${TOKEN}|${QUOTED})`, 'g')

export interface MediaType {
  /** `type/subtype`, lower-cased. */
  type: string
  /** The last `charset` parameter, lower-cased and unquoted; undefined when there is none. */
  charset: string | undefined
}

/** The header's media type and charset, or undefined when the header is not a media type. */
export function parseMediaType(header: string): MediaType | undefined {
  const match = MEDIA_TYPE.exec(header.trim())
  if (!match) return undefined
  let charset: string | undefined
  for (const [, name, value] of (match[3] ?? '').matchAll(PARAMETER)) {
    if (name?.toLowerCase() === 'charset' && value) {
      charset = (
        value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value
      ).toLowerCase()
    }
  }
  return { type: `${match[1]}/${match[2]}`.toLowerCase(), charset }
}

/**
 * Why a Content-Type is not one the sandbox reads JSON under, or undefined when it is:
 * `application/json`, in UTF-8 (RFC 8259 §8.1: JSON exchanged between systems is UTF-8), so a
 * charset parameter may only say utf-8.
 */
export function contentTypeProblem(header: string | undefined): string | undefined {
  if (header === undefined) return 'Content-Type must be application/json, got none.'
  const media = parseMediaType(header)
  if (!media) {
    return 'Content-Type must be application/json; the header is not a media type (RFC 9110 section 8.3).'
  }
  if (media.type !== 'application/json') {
    return `Content-Type must be application/json, got ${header.slice(0, 60)}.`
  }
  if (media.charset !== undefined && media.charset !== 'utf-8') {
    return `Content-Type charset must be utf-8 (JSON is UTF-8), got ${media.charset.slice(0, 40)}.`
  }
  return undefined
}
