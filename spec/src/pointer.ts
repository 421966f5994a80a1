// JSON Pointer (RFC 6901). Reports and validators name places in the document with pointers,
// so a reader can paste one into `jq` or an editor and land on the spot.

export function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1')
}

export function unescapeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~')
}

/** Appends tokens to a pointer: `join('/paths', '/a/b')` gives `/paths/~1a~1b`. */
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
