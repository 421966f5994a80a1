// @ts-check
// Whether a body is JSON text that the mock reads (RFC 8259): UTF-8 (§8.1), no byte order mark,
// valid syntax, and nested no deeper than the guard allows (§9 lets a parser set that limit).
// Messages name the rule, never the body: it is the client's text, and may be private.

/**
 * No request of the API nests at all (every body is one flat object); Prism's validator and
 * logger recurse once per level and overflow the stack a few thousand levels down.
 */
export const MAX_JSON_DEPTH = 64

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * @param {Buffer} body a non-empty body
 * @returns {{ ok: true } | { ok: false, errorMessage: string }}
 */
export function checkJsonText(body) {
  let text
  try {
    text = utf8.decode(body)
  } catch {
    return refuse('Request body is not valid UTF-8.')
  }
  if (text.startsWith('\ufeff')) {
    return refuse('Request body starts with a byte order mark (U+FEFF); JSON text must not.')
  }
  try {
    JSON.parse(text)
  } catch (cause) {
    if (text.trim() === '') return refuse('Request body is empty; send a JSON object such as {}.')
    // The parser's position only: its message quotes the body.
    const position = /position (\d+)/.exec(String(/** @type {Error} */ (cause)?.message))?.[1]
    return refuse(
      position
        ? `Request body is not valid JSON: syntax error at position ${position}.`
        : 'Request body is not valid JSON.',
    )
  }
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    return refuse(
      `Request body is not accepted as JSON: it nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`,
    )
  }
  return { ok: true }
}

/** @param {string} errorMessage */
const refuse = (errorMessage) => /** @type {const} */ ({ ok: false, errorMessage })

/**
 * Whether valid JSON text opens more than `limit` arrays and objects inside one another;
 * brackets inside strings do not count.
 * @param {string} text
 * @param {number} limit
 */
function nestsDeeperThan(text, limit) {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (inString) {
      if (char === '\\') i++
      else if (char === '"') inString = false
    } else if (char === '"') inString = true
    else if (char === '[' || char === '{') {
      depth++
      if (depth > limit) return true
    } else if (char === ']' || char === '}') depth--
  }
  return false
}
