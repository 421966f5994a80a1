// JSON Pointer (RFC 6901) helpers. Reports name places in the document with pointers, so a
// reader can paste one into `jq` or an editor's "go to" and land on the change.

export function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1')
}

export function unescapeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~')
}

/** Appends tokens to a pointer: `join('/paths', '/credentials/x')` gives `/paths/~1credentials~1x`. */
export function join(pointer: string, ...tokens: Array<string | number>): string {
  return tokens.reduce<string>((at, token) => `${at}/${escapeToken(String(token))}`, pointer)
}

/** Reads the value a pointer names (`''` is the whole document), or `undefined` if absent. */
export function get(document: unknown, pointer: string): unknown {
  if (pointer === '') return document
  if (!pointer.startsWith('/')) throw new Error(`Not a JSON Pointer: "${pointer}"`)
  let at: unknown = document
  for (const token of pointer.slice(1).split('/').map(unescapeToken)) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, token)) return undefined
    at = (at as Record<string, unknown>)[token]
  }
  return at
}
