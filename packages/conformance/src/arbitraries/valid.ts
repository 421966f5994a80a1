// fast-check arbitraries derived from JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it):
// every value they generate is valid against the schema. Nothing here knows a field of the
// Credentials API; a schema change changes what is generated.
//
// Supported: type (and type lists), const, enum, properties, required, additionalProperties,
// propertyNames, min/maxProperties, items, min/maxItems, uniqueItems, pattern (through
// fc.stringMatching), min/maxLength, format (date-time, date, email, uri, uuid), numeric
// bounds, multipleOf, allOf (folded), anyOf/oneOf (one branch), local $ref.
import type { OpenApiDocument, Schema, SchemaObject } from '@solapi/credentials-spec'
import fc from 'fast-check'
import { effectiveSchema } from '../schema/effective.js'
import { scalarUnit } from './scalar-unit.js'

export interface ValidArbitraryOptions {
  /**
   * Values to mix in wherever a schema is a `$ref` to one of these keys (`#/components/...`),
   * e.g. API keys that exist on the server, so that generated requests reach more than 404s.
   * Each must be valid against the referenced schema.
   */
  refValues?: Record<string, fc.Arbitrary<unknown>>
  /** Like `refValues`, but used instead of the schema's own values, always. */
  refOverrides?: Record<string, fc.Arbitrary<unknown>>
  /** Upper bound for lengths the schema leaves open (arrays, maps, free strings). @default 8 */
  maxOpenSize?: number
  /** Nesting beyond which optional properties are no longer generated. @default 6 */
  maxDepth?: number
}

interface Context {
  document: OpenApiDocument
  options: Required<Pick<ValidArbitraryOptions, 'maxOpenSize' | 'maxDepth'>> & ValidArbitraryOptions
  depth: number
  where: string
}

/** Code points, as JSON Schema counts string length. */
export function codePointLength(value: string): number {
  let length = 0
  for (const _ of value) length++
  return length
}

/** JSON Schema patterns are ECMA-262 regular expressions with Unicode semantics. */
export function schemaRegExp(pattern: string): RegExp {
  return new RegExp(pattern, 'u')
}

function withinLength(schema: SchemaObject) {
  const min: number = schema.minLength ?? 0
  const max: number = schema.maxLength ?? Number.POSITIVE_INFINITY
  return (value: string) => {
    const length = codePointLength(value)
    return length >= min && length <= max
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** RFC 3339 date-times, in UTC (`Z`) and with numeric offsets, with and without fractions. */
function dateTimeArbitrary(): fc.Arbitrary<string> {
  const instant = fc.date({
    min: new Date('1970-01-01T00:00:00Z'),
    max: new Date('2199-12-31T23:59:59Z'),
    noInvalidDate: true,
  })
  const offsetMinutes = fc.oneof(fc.constant(0), fc.integer({ min: -12 * 60, max: 14 * 60 }))
  return fc.tuple(instant, offsetMinutes, fc.boolean()).map(([date, offset, withFraction]) => {
    const local = new Date(date.getTime() + offset * 60_000).toISOString()
    const stamp = withFraction ? local.slice(0, 23) : local.slice(0, 19)
    if (offset === 0) return `${stamp}Z`
    const sign = offset < 0 ? '-' : '+'
    const abs = Math.abs(offset)
    return `${stamp}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  })
}

function formatArbitrary(format: string): fc.Arbitrary<string> | undefined {
  switch (format) {
    case 'date-time':
      return dateTimeArbitrary()
    case 'date':
      return dateTimeArbitrary().map((s) => s.slice(0, 10))
    case 'email':
      return fc.emailAddress()
    case 'uri':
      return fc.webUrl()
    case 'uuid':
      return fc.uuid()
    default:
      return undefined
  }
}

function stringArbitrary(schema: SchemaObject, ctx: Context): fc.Arbitrary<string> {
  const fits = withinLength(schema)
  const formatted = typeof schema.format === 'string' ? formatArbitrary(schema.format) : undefined
  if (formatted) {
    const base = schema.pattern
      ? formatted.filter((s: string) => schemaRegExp(schema.pattern).test(s))
      : formatted
    return base.filter(fits)
  }
  if (schema.pattern !== undefined) {
    const constraints = schema.maxLength === undefined ? {} : { maxLength: schema.maxLength }
    return fc.stringMatching(schemaRegExp(schema.pattern), constraints).filter(fits)
  }
  const minLength: number = schema.minLength ?? 0
  const maxLength: number = schema.maxLength ?? minLength + ctx.options.maxOpenSize
  // One unit is one code point (any but a surrogate), so a length in units is one in code points.
  return fc.string({ unit: scalarUnit, minLength, maxLength })
}

function numberArbitrary(schema: SchemaObject, integer: boolean): fc.Arbitrary<number> {
  const exclusiveMin = typeof schema.exclusiveMinimum === 'number'
  const exclusiveMax = typeof schema.exclusiveMaximum === 'number'
  const min: number | undefined = exclusiveMin ? schema.exclusiveMinimum : schema.minimum
  const max: number | undefined = exclusiveMax ? schema.exclusiveMaximum : schema.maximum
  if (integer) {
    const lo = min === undefined ? -1e9 : exclusiveMin ? Math.floor(min) + 1 : Math.ceil(min)
    const hi = max === undefined ? 1e9 : exclusiveMax ? Math.ceil(max) - 1 : Math.floor(max)
    if (schema.multipleOf) {
      const step: number = schema.multipleOf
      return fc
        .integer({ min: Math.ceil(lo / step), max: Math.floor(hi / step) })
        .map((n) => n * step)
    }
    return fc.integer({ min: lo, max: hi })
  }
  return fc
    .double({
      noNaN: true,
      noDefaultInfinity: true,
      ...(min !== undefined && { min, minExcluded: exclusiveMin }),
      ...(max !== undefined && { max, maxExcluded: exclusiveMax }),
    })
    .map((n) => (Object.is(n, -0) ? 0 : n))
}

function arrayArbitrary(schema: SchemaObject, ctx: Context): fc.Arbitrary<unknown[]> {
  const items = arbitraryAt(schema.items ?? true, ctx, 'items')
  const minLength: number = schema.minItems ?? 0
  const maxLength: number = schema.maxItems ?? minLength + ctx.options.maxOpenSize
  return schema.uniqueItems
    ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
    : fc.array(items, { minLength, maxLength })
}

/** Sets own properties, `__proto__` included, without touching the prototype. */
export function assemble(entries: Array<[string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return object
}

function objectArbitrary(
  schema: SchemaObject,
  ctx: Context,
): fc.Arbitrary<Record<string, unknown>> {
  const properties: Record<string, Schema> = { ...schema.properties }
  const required = new Set<string>(schema.required ?? [])
  for (const name of required) {
    if (!Object.hasOwn(properties, name)) properties[name] = true
  }
  const tooDeep = ctx.depth >= ctx.options.maxDepth
  const fields = Object.entries(properties)
    .filter(([name]) => required.has(name) || !tooDeep)
    .map(([name, sub]) => {
      const value = arbitraryAt(sub, ctx, `properties/${name}`)
      const entry = value.map((v): [string, unknown] => [name, v])
      return required.has(name)
        ? entry.map((e) => [e])
        : fc.option(entry, { nil: undefined }).map((e) => (e ? [e] : []))
    })
  const declared = fc.tuple(...fields).map((parts) => parts.flat())

  // Extra keys only where the schema describes them; `true`/absent stays closed to keep
  // bodies small (still valid).
  const extraSchema = schema.additionalProperties
  const extras =
    typeof extraSchema === 'object' && !tooDeep
      ? fc
          .uniqueArray(
            fc.tuple(
              schema.propertyNames
                ? (arbitraryAt(schema.propertyNames, ctx, 'propertyNames') as fc.Arbitrary<string>)
                : fc.string({ unit: scalarUnit, maxLength: ctx.options.maxOpenSize }),
              arbitraryAt(extraSchema, ctx, 'additionalProperties'),
            ),
            {
              maxLength: ctx.options.maxOpenSize,
              selector: ([key]) => key,
            },
          )
          .map((pairs) => pairs.filter(([key]) => !Object.hasOwn(properties, key)))
      : fc.constant([] as Array<[string, unknown]>)

  const minProperties: number = schema.minProperties ?? 0
  const maxProperties: number = schema.maxProperties ?? Number.POSITIVE_INFINITY
  return fc
    .tuple(declared, extras)
    .map(([own, extra]) => assemble([...own, ...extra]))
    .filter((o) => {
      const size = Object.keys(o).length
      return size >= minProperties && size <= maxProperties
    })
}

function arbitraryAt(schema: Schema, ctx: Context, token: string): fc.Arbitrary<unknown> {
  return schemaArbitrary(schema, { ...ctx, depth: ctx.depth + 1, where: `${ctx.where}/${token}` })
}

function typedArbitrary(schema: SchemaObject, type: string, ctx: Context): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema, ctx)
    case 'integer':
      return numberArbitrary(schema, true)
    case 'number':
      return numberArbitrary(schema, false)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      return arrayArbitrary(schema, ctx)
    case 'object':
      return objectArbitrary(schema, ctx)
    default:
      throw new Error(`${ctx.where}: unknown JSON Schema type "${type}"`)
  }
}

/** The type a schema without `type` still implies through its keywords. */
function impliedTypes(schema: SchemaObject): string[] {
  if (schema.properties || schema.additionalProperties !== undefined || schema.required)
    return ['object']
  if (schema.items) return ['array']
  if (schema.pattern || schema.format || schema.minLength !== undefined) return ['string']
  return []
}

function schemaArbitrary(raw: Schema, ctx: Context): fc.Arbitrary<unknown> {
  const ref = typeof raw === 'object' ? raw.$ref : undefined
  const override = typeof ref === 'string' ? ctx.options.refOverrides?.[ref] : undefined
  if (override) return override
  const hint = typeof ref === 'string' ? ctx.options.refValues?.[ref] : undefined
  const generated = generatedArbitrary(raw, ctx)
  return hint
    ? fc.oneof({ arbitrary: generated, weight: 1 }, { arbitrary: hint, weight: 3 })
    : generated
}

function generatedArbitrary(raw: Schema, ctx: Context): fc.Arbitrary<unknown> {
  const schema = effectiveSchema(ctx.document, raw, ctx.where)
  if (schema === false) throw new Error(`${ctx.where}: schema is false, no value is valid`)
  if (schema === true) return fc.jsonValue({ maxDepth: 2 })
  if ('const' in schema) return fc.constant(schema.const)
  if (Array.isArray(schema.enum)) {
    if (schema.enum.length === 0) throw new Error(`${ctx.where}: enum is empty`)
    return fc.constantFrom(...schema.enum)
  }
  const branches: Schema[] | undefined = schema.anyOf ?? schema.oneOf
  if (branches) {
    const { anyOf: _a, oneOf: _o, ...base } = schema
    return fc.oneof(
      ...branches.map((branch, i) =>
        schemaArbitrary({ allOf: [base, branch] }, { ...ctx, where: `${ctx.where}/oneOf/${i}` }),
      ),
    )
  }
  const declared: string[] | undefined =
    schema.type === undefined ? undefined : [schema.type].flat()
  const types = declared ?? impliedTypes(schema)
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 })
  return fc.oneof(...types.map((type) => typedArbitrary(schema, type, ctx)))
}

/** An arbitrary of values valid against `schema`, resolved in `document`. */
export function validArbitrary(
  document: OpenApiDocument,
  schema: Schema,
  options: ValidArbitraryOptions = {},
): fc.Arbitrary<unknown> {
  return schemaArbitrary(schema, {
    document,
    options: { maxOpenSize: 8, maxDepth: 6, ...options },
    depth: 0,
    where: '#',
  })
}
