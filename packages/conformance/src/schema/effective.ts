// One flat schema per node: `$ref`s followed (by the spec module) and `allOf` folded in. The
// arbitraries read schemas keyword by keyword, and need `ValidationError` (an `allOf` of
// `Error` and a narrowing) to look like the one object it describes.
import {
  type OpenApiDocument,
  resolveRef,
  type Schema,
  type SchemaObject,
} from '@solapi/credentials-spec'

/** JSON types a schema allows, with `integer` implied by `number`. `undefined` means any. */
export function allowedTypes(schema: SchemaObject): Set<string> | undefined {
  const declared = schema.type
  if (declared === undefined) return undefined
  const types = new Set<string>(Array.isArray(declared) ? declared : [declared])
  if (types.has('number')) types.add('integer')
  return types
}

/** The JSON type of a value as JSON Schema names it. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

export function acceptsType(types: Set<string> | undefined, value: unknown): boolean {
  if (!types) return true
  const type = jsonTypeOf(value)
  return types.has(type) || (type === 'integer' && types.has('number'))
}

const MAX_OF = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties']
const MIN_OF = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties']

function both(a: Schema | undefined, b: Schema | undefined): Schema | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  if (a === false || b === false) return false
  if (a === true) return b
  if (b === true) return a
  return { allOf: [a, b] }
}

/** Folds `b` into `a` as `allOf: [a, b]` would constrain a value; throws on what it cannot fold. */
function mergeTwo(a: SchemaObject, b: SchemaObject, where: string): SchemaObject {
  const merged: SchemaObject = { ...a }
  for (const [keyword, value] of Object.entries(b)) {
    const current = merged[keyword]
    if (current === undefined) {
      merged[keyword] = value
      continue
    }
    switch (keyword) {
      case 'type': {
        const left = allowedTypes({ type: current }) as Set<string>
        const right = allowedTypes({ type: value }) as Set<string>
        const common = [...left].filter((t) => right.has(t))
        if (common.length === 0) throw new Error(`${where}: allOf has no common type`)
        merged.type = common.length === 1 ? common[0] : common
        break
      }
      case 'properties': {
        const properties: SchemaObject = { ...current }
        for (const [name, schema] of Object.entries(value as SchemaObject)) {
          properties[name] = both(properties[name], schema)
        }
        merged.properties = properties
        break
      }
      case 'required':
        merged.required = [...new Set([...current, ...value])]
        break
      case 'enum':
        merged.enum = (current as unknown[]).filter((v) =>
          (value as unknown[]).some((w) => JSON.stringify(v) === JSON.stringify(w)),
        )
        break
      case 'additionalProperties':
      case 'propertyNames':
      case 'items':
        merged[keyword] = both(current, value)
        break
      case 'pattern':
      case 'const':
      case 'format':
        if (JSON.stringify(current) !== JSON.stringify(value)) {
          throw new Error(`${where}: allOf with two different "${keyword}" values is not supported`)
        }
        break
      default:
        if (MAX_OF.includes(keyword)) merged[keyword] = Math.max(current, value)
        else if (MIN_OF.includes(keyword)) merged[keyword] = Math.min(current, value)
        // Annotations (title, description, examples, x-...) keep the first value.
        break
    }
  }
  return merged
}

/**
 * The schema of a node with `$ref` resolved and `allOf` folded, recursively at this level
 * only (sub-schemas are left as written and flattened when they are visited).
 */
export function effectiveSchema(
  document: OpenApiDocument,
  schema: Schema,
  where = '#',
): SchemaObject | boolean {
  const resolved = resolveRef(document, schema)
  if (typeof resolved === 'boolean') return resolved
  const { allOf, ...rest } = resolved
  if (!Array.isArray(allOf)) return rest
  let merged: SchemaObject = rest
  for (const [index, part] of allOf.entries()) {
    const flat = effectiveSchema(document, part, `${where}/allOf/${index}`)
    if (flat === false) return false
    if (flat !== true) merged = mergeTwo(merged, flat, where)
  }
  return merged
}
