// Local `$ref`s (`#/...`), the only kind a bundled document has.
import { get, join } from './pointer.js'
import type { OpenApiDocument, Schema, SchemaObject } from './types.js'

/** The JSON Pointer a local `$ref` names. */
export function refPointer(ref: string): string {
  if (!ref.startsWith('#')) throw new Error(`Only local $refs are supported, found "${ref}"`)
  return decodeURI(ref.slice(1))
}

/**
 * Follows a chain of local `$ref`s to the object they name. Keywords beside a `$ref` (OpenAPI
 * 3.1 allows `description` and friends there) are kept on top of the target.
 */
export function resolveRef<T extends Schema>(document: OpenApiDocument, node: T): T {
  let at: Schema = node
  const seen = new Set<string>()
  while (typeof at === 'object' && at !== null && typeof at.$ref === 'string') {
    const ref: string = at.$ref
    if (seen.has(ref)) throw new Error(`$ref cycle through "${ref}"`)
    seen.add(ref)
    const target = get(document, refPointer(ref))
    if (target === undefined) throw new Error(`Unresolvable $ref "${ref}"`)
    const { $ref: _ref, ...siblings } = at
    at = typeof target === 'boolean' ? target : { ...(target as SchemaObject), ...siblings }
  }
  return at as T
}

/**
 * The pointer reached by walking `tokens` down from `pointer`, following a `$ref` wherever one
 * stands, so that schemas are compiled where the spec wrote them and their own `$ref`s resolve.
 */
export function locate(document: OpenApiDocument, pointer: string, ...tokens: string[]): string {
  let at = pointer
  const follow = () => {
    const node = get(document, at) as { $ref?: unknown } | undefined
    if (typeof node?.$ref === 'string') at = refPointer(node.$ref)
  }
  follow()
  for (const token of tokens) {
    at = join(at, token)
    follow()
  }
  return at
}

/** Keywords whose values are data, not schemas: a `$ref` inside them refers to nothing. */
const DATA_KEYWORDS = new Set(['examples', 'example', 'default', 'const', 'enum'])

/**
 * Whether `schema` uses the component `ref` (`#/components/schemas/ApiSecret`), directly or
 * through the schemas it refers to, at any depth.
 */
export function reaches(
  document: OpenApiDocument,
  schema: Schema,
  ref: string,
  seen = new Set<string>(),
): boolean {
  if (schema === null || typeof schema !== 'object') return false
  if (Array.isArray(schema)) return schema.some((item) => reaches(document, item, ref, seen))
  const own = typeof schema.$ref === 'string' ? (schema.$ref as string) : undefined
  if (own === ref) return true
  if (own !== undefined) {
    if (seen.has(own)) return false
    seen.add(own)
  }
  const resolved = own === undefined ? schema : resolveRef(document, schema)
  if (typeof resolved !== 'object') return false
  return Object.entries(resolved).some(
    ([keyword, value]) =>
      keyword !== '$ref' && !DATA_KEYWORDS.has(keyword) && reaches(document, value, ref, seen),
  )
}
