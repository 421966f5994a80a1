// Bodies that break a JSON Schema: a valid value is generated first, then one place in it (a
// JSON Pointer) is broken against one named rule (the broken value may break other rules of
// that place too: a too-short key is also out of pattern). Like the valid arbitraries these
// read the schema generically; the rule names are the JSON Schema keywords a server's
// `errors[].rule` would report.
import { joinPointer, type OpenApiDocument, type Schema } from '@solapi/credentials-spec'
import fc from 'fast-check'
import { acceptsType, allowedTypes, effectiveSchema, jsonTypeOf } from '../schema/effective.js'
import { scalarUnit } from './scalar-unit.js'
import {
  assemble,
  codePointLength,
  schemaRegExp,
  type ValidArbitraryOptions,
  validArbitrary,
} from './valid.js'

export type BrokenRule =
  | 'type'
  | 'required'
  | 'additionalProperties'
  | 'propertyNames'
  | 'pattern'
  | 'minLength'
  | 'maxLength'
  | 'enum'
  | 'const'
  | 'format'
  | 'minimum'
  | 'maximum'
  | 'minItems'
  | 'maxItems'

export interface InvalidBody {
  rule: BrokenRule
  /** JSON Pointer (RFC 6901) of the value that breaks the rule; `''` is the body itself. */
  pointer: string
  body: unknown
}

/** One value of every JSON type, so that a wrong one can always be picked. */
const anyJsonValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  fc.string({ maxLength: 8 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 3 }),
)

/**
 * One string arbitrary per set of constraints, built once: `mutations` runs for every example,
 * and fast-check prepares each new string arbitrary (the tricky strings it mixes in), which
 * would otherwise cost more than the request it feeds. `unit: 'binary'` is drawn with
 * `scalarUnit`, which fast-check prepares at a fraction of the cost of its own.
 */
const strings = new Map<string, fc.Arbitrary<string>>()
function stringOf(constraints: fc.StringConstraints): fc.Arbitrary<string> {
  const key = JSON.stringify(constraints)
  let arbitrary = strings.get(key)
  if (!arbitrary) {
    arbitrary = fc.string(
      constraints.unit === 'binary' ? { ...constraints, unit: scalarUnit } : constraints,
    )
    strings.set(key, arbitrary)
  }
  return arbitrary
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i

/** Returns a copy of `root` with the value at `path` replaced (or removed, for `undefined`). */
function replaceAt(root: unknown, path: string[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value
  const [head, ...rest] = path as [string, ...string[]]
  if (Array.isArray(root)) {
    const copy = [...root]
    copy[Number(head)] = replaceAt(copy[Number(head)], rest, value, remove)
    return copy
  }
  const entries: Array<[string, unknown]> = []
  for (const [key, v] of Object.entries(root as Record<string, unknown>)) {
    if (key === head && rest.length === 0 && remove) continue
    entries.push([key, key === head ? replaceAt(v, rest, value, remove) : v])
  }
  if (!remove && rest.length === 0 && !entries.some(([key]) => key === head)) {
    entries.push([head, value])
  }
  return assemble(entries)
}

const pointerOf = (path: string[]) => joinPointer('', ...path)

interface Walk {
  document: OpenApiDocument
  root: unknown
  /** Valid arbitraries by schema, built once per invalidArbitrary (building one costs). */
  valid: (schema: Schema) => fc.Arbitrary<unknown>
}

/** Builds one way to break the body; built only when picked (building arbitraries costs). */
type Site = () => fc.Arbitrary<InvalidBody>

/** Every way to break `value` (found at `path` in the body) against `raw`. */
function mutations(walk: Walk, raw: Schema, value: unknown, path: string[]): Site[] {
  const schema = effectiveSchema(walk.document, raw)
  if (typeof schema === 'boolean') return []
  const out: Site[] = []
  const broken = (rule: BrokenRule, at: string[], values: () => fc.Arbitrary<unknown>) => () =>
    values().map((bad) => ({ rule, pointer: pointerOf(at), body: replaceAt(walk.root, at, bad) }))

  const types = allowedTypes(schema)
  const enumValues: unknown[] | undefined =
    schema.enum ?? ('const' in schema ? [schema.const] : undefined)
  const enumTypes = enumValues && new Set(enumValues.map(jsonTypeOf))
  const expected = types ?? enumTypes
  if (expected) {
    out.push(broken('type', path, () => anyJsonValue.filter((v) => !acceptsType(expected, v))))
  }
  if (enumValues) {
    const listed = (v: unknown) => enumValues.some((e) => JSON.stringify(e) === JSON.stringify(v))
    const sameType = typeof enumValues[0] === 'string' ? stringOf({ maxLength: 12 }) : anyJsonValue
    out.push(
      broken('const' in schema ? 'const' : 'enum', path, () => sameType.filter((v) => !listed(v))),
    )
  }

  if (typeof value === 'string') {
    if (schema.pattern !== undefined) {
      const re = schemaRegExp(schema.pattern)
      out.push(
        broken('pattern', path, () =>
          stringOf({ unit: 'binary', maxLength: 24 }).filter((s) => !re.test(s)),
        ),
      )
    }
    if (schema.minLength) {
      out.push(broken('minLength', path, () => stringOf({ maxLength: schema.minLength - 1 })))
    }
    if (schema.maxLength !== undefined) {
      const max: number = schema.maxLength
      out.push(
        broken('maxLength', path, () =>
          stringOf({ minLength: max + 1, maxLength: max + 16 }).filter(
            (s) => codePointLength(s) > max,
          ),
        ),
      )
    }
    if (schema.format === 'date-time') {
      out.push(
        broken('format', path, () => stringOf({ maxLength: 30 }).filter((s) => !RFC3339.test(s))),
      )
    }
  }

  if (typeof value === 'number') {
    if (schema.minimum !== undefined)
      out.push(broken('minimum', path, () => fc.integer({ max: Math.ceil(schema.minimum) - 1 })))
    if (schema.maximum !== undefined)
      out.push(broken('maximum', path, () => fc.integer({ min: Math.floor(schema.maximum) + 1 })))
  }

  if (Array.isArray(value)) {
    if (schema.minItems)
      out.push(broken('minItems', path, () => fc.constant(value.slice(0, schema.minItems - 1))))
    if (schema.maxItems !== undefined) {
      const max: number = schema.maxItems
      const extra = () =>
        fc
          .array(walk.valid(schema.items ?? true), {
            minLength: max + 1 - value.length,
            maxLength: max + 3 - value.length,
          })
          .map((more) => [...value, ...more])
      out.push(broken('maxItems', path, extra))
    }
    value.forEach((item, i) => {
      out.push(...mutations(walk, schema.items ?? true, item, [...path, String(i)]))
    })
  }

  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const properties: Record<string, Schema> = schema.properties ?? {}
    for (const name of schema.required ?? []) {
      if (Object.hasOwn(value, name)) {
        out.push(() =>
          fc.constant({
            rule: 'required' as const,
            pointer: pointerOf([...path, name]),
            body: replaceAt(walk.root, [...path, name], undefined, true),
          }),
        )
      }
    }
    const free = (key: string) => !Object.hasOwn(properties, key) && !Object.hasOwn(value, key)
    if (schema.additionalProperties === false) {
      const key = stringOf({ unit: 'binary', minLength: 1, maxLength: 16 }).filter(free)
      out.push(() =>
        fc.tuple(key, anyJsonValue).map(([k, v]) => ({
          rule: 'additionalProperties' as const,
          pointer: pointerOf([...path, k]),
          body: replaceAt(walk.root, [...path, k], v),
        })),
      )
    } else if (schema.propertyNames) {
      const names = effectiveSchema(walk.document, schema.propertyNames)
      if (typeof names === 'object' && names.pattern !== undefined) {
        const re = schemaRegExp(names.pattern)
        const extraValue = () =>
          typeof schema.additionalProperties === 'object'
            ? walk.valid(schema.additionalProperties)
            : anyJsonValue
        const key = stringOf({ unit: 'binary', minLength: 1, maxLength: 24 }).filter(
          (k) => free(k) && !re.test(k),
        )
        out.push(() =>
          fc.tuple(key, extraValue()).map(([k, v]) => ({
            rule: 'propertyNames' as const,
            pointer: pointerOf([...path, k]),
            body: replaceAt(walk.root, [...path, k], v),
          })),
        )
      }
    }
    for (const [key, item] of Object.entries(value)) {
      const sub = Object.hasOwn(properties, key) ? properties[key] : schema.additionalProperties
      if (sub !== undefined && sub !== false)
        out.push(...mutations(walk, sub, item, [...path, key]))
    }
  }
  return out
}

/**
 * Bodies invalid against `schema`: a valid body with one rule broken at one place (the
 * broken value may break other rules of the same place too, e.g. a short key is also out of
 * pattern)
 * (wrong type, missing required field, unknown field, string out of pattern, length or enum,
 * bad format, number or array out of bounds).
 */
export function invalidArbitrary(
  document: OpenApiDocument,
  schema: Schema,
  options: ValidArbitraryOptions = {},
): fc.Arbitrary<InvalidBody> {
  const cache = new Map<Schema, fc.Arbitrary<unknown>>()
  const valid = (sub: Schema) => {
    const cached = cache.get(sub)
    if (cached) return cached
    const built = validArbitrary(document, sub, options)
    cache.set(sub, built)
    return built
  }
  return valid(schema).chain((root) => {
    const ways = mutations({ document, root, valid }, schema, root, [])
    if (ways.length === 0) throw new Error('The schema accepts every value: nothing to break')
    return fc.nat({ max: ways.length - 1 }).chain((i) => (ways[i] as Site)())
  })
}
