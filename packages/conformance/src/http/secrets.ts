// Which answers the spec documents a secret in: those whose schema reaches the ApiSecret schema
// (the created, read, listed and regenerated credentials). Everywhere else a secret is a leak.
import { type Contract, type Operation, responseFor, type Schema } from '@solapi/credentials-spec'

/** Where the spec's response schemas name an API secret. */
export const API_SECRET_REF = '#/components/schemas/ApiSecret'

/** Keywords whose values are data, not schemas. */
const DATA_KEYWORDS = new Set(['examples', 'example', 'default', 'const', 'enum'])

/** Whether `schema` reaches a `$ref` to `ref`, following refs through the spec module. */
export function schemaReaches(
  contract: Contract,
  schema: Schema,
  ref: string,
  seen = new Set<string>(),
): boolean {
  if (schema === null || typeof schema !== 'object') return false
  if (Array.isArray(schema)) return schema.some((item) => schemaReaches(contract, item, ref, seen))
  const own = typeof schema.$ref === 'string' ? (schema.$ref as string) : undefined
  if (own === ref) return true
  if (own !== undefined) {
    if (seen.has(own)) return false
    seen.add(own)
  }
  const resolved = own === undefined ? schema : contract.resolveRef(schema)
  if (typeof resolved !== 'object') return false
  return Object.entries(resolved).some(
    ([keyword, value]) =>
      keyword !== '$ref' &&
      !DATA_KEYWORDS.has(keyword) &&
      schemaReaches(contract, value, ref, seen),
  )
}

/** `(op, status) → whether the documented answer carries an apiSecret`, cached. */
export function secretDocumentation(contract: Contract) {
  const cache = new Map<string, boolean>()
  return (op: Operation, status: number): boolean => {
    const key = `${op.operationId} ${status}`
    let documented = cache.get(key)
    if (documented === undefined) {
      const content = responseFor(op, status)?.content ?? {}
      documented = Object.values(content).some((media) =>
        schemaReaches(contract, media.schema, API_SECRET_REF),
      )
      cache.set(key, documented)
    }
    return documented
  }
}
