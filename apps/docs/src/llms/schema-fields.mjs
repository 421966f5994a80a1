// @ts-check
// A schema as the rows of a field table: every field (nested ones by their dotted path), its
// type, whether it is required, its rules (pattern, enum, limits, format) and its description.
// Generic over the document: nothing here names a field of the API.
import { credentialsContract } from '@solapi/credentials-spec'

/** @typedef {import('@solapi/credentials-spec').Schema} Schema */
/** @typedef {Record<string, any>} SchemaObject */

/**
 * @typedef {object} FieldRow
 * @property {string} name the field's path: `credentials.{apiKey}.apiSecret`, `errors[].field`
 * @property {string} type
 * @property {boolean} required
 * @property {string[]} rules
 * @property {string} description
 */

/** The keywords listed as rules, in this order, with how each is written. */
const RULES = /** @type {const} */ ([
  ['const', (/** @type {unknown} */ v) => `const ${JSON.stringify(v)}`],
  ['enum', (/** @type {unknown[]} */ v) => `enum: ${v.map((x) => JSON.stringify(x)).join(', ')}`],
  ['pattern', (/** @type {string} */ v) => `pattern \`${v}\``],
  ['format', (/** @type {string} */ v) => `format ${v}`],
  ['minLength', (/** @type {number} */ v) => `minLength ${v}`],
  ['maxLength', (/** @type {number} */ v) => `maxLength ${v}`],
  ['minimum', (/** @type {number} */ v) => `minimum ${v}`],
  ['maximum', (/** @type {number} */ v) => `maximum ${v}`],
  ['exclusiveMinimum', (/** @type {number} */ v) => `exclusiveMinimum ${v}`],
  ['exclusiveMaximum', (/** @type {number} */ v) => `exclusiveMaximum ${v}`],
  ['minItems', (/** @type {number} */ v) => `minItems ${v}`],
  ['maxItems', (/** @type {number} */ v) => `maxItems ${v}`],
  ['minProperties', (/** @type {number} */ v) => `minProperties ${v}`],
  ['maxProperties', (/** @type {number} */ v) => `maxProperties ${v}`],
])

/**
 * A schema with its `$ref`s followed and its `allOf` parts merged (properties and required
 * lists joined, the later part's keywords winning), as one object.
 * @param {Schema} schema
 * @returns {SchemaObject}
 */
export function flatten(schema) {
  const resolved = /** @type {SchemaObject | boolean} */ (credentialsContract.resolveRef(schema))
  if (typeof resolved !== 'object' || resolved === null) return {}
  const { allOf, ...own } = resolved
  if (!Array.isArray(allOf)) return own
  /** @type {SchemaObject} */
  const merged = {}
  for (const part of [...allOf.map(flatten), own]) {
    const properties = { ...merged.properties }
    for (const [name, property] of Object.entries(part.properties ?? {})) {
      properties[name] = properties[name]
        ? {
            ...flatten(properties[name]),
            ...flatten(/** @type {Schema} */ (property)),
            ...pick(property),
          }
        : property
    }
    Object.assign(merged, part, {
      properties,
      required: [...new Set([...(merged.required ?? []), ...(part.required ?? [])])],
    })
  }
  return merged
}

/** @param {unknown} property keywords written beside a `$ref`, which win over its target */
function pick(property) {
  if (typeof property !== 'object' || property === null) return {}
  const { $ref: _ref, ...siblings } = /** @type {SchemaObject} */ (property)
  return siblings
}

/** @param {SchemaObject} schema */
function typeOf(schema) {
  if (schema.type) return Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type)
  if (schema.properties || schema.additionalProperties) return 'object'
  if (schema.items) return 'array'
  if (schema.oneOf || schema.anyOf) return 'one of'
  return 'any'
}

/** @param {SchemaObject} schema */
export function rulesOf(schema) {
  /** @type {string[]} */
  const rules = []
  for (const [keyword, write] of RULES) {
    if (schema[keyword] !== undefined) rules.push(write(/** @type {never} */ (schema[keyword])))
  }
  if (schema.additionalProperties === false) rules.push('no other fields')
  return rules
}

/**
 * Every field of a schema, depth first, in the schema's order.
 * @param {Schema} schema
 * @param {string} [prefix] the path of the schema itself ('' at the top)
 * @returns {FieldRow[]}
 */
export function fieldRows(schema, prefix = '') {
  const object = flatten(schema)
  /** @type {FieldRow[]} */
  const rows = []
  const required = new Set(object.required ?? [])
  for (const [name, property] of Object.entries(object.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name
    rows.push(row(path, property, required.has(name)))
    rows.push(...children(property, path))
  }
  return rows
}

/**
 * @param {string} path
 * @param {Schema} property
 * @param {boolean} required
 * @returns {FieldRow}
 */
function row(path, property, required) {
  const schema = { ...flatten(property), ...pick(property) }
  return {
    name: path,
    type: typeOf(schema),
    required,
    rules: rulesOf(schema),
    description: String(schema.description ?? schema.title ?? ''),
  }
}

/**
 * The fields inside a field: an object's properties, a map's values (`{key}`), an array's items.
 * @param {Schema} property
 * @param {string} path
 * @returns {FieldRow[]}
 */
function children(property, path) {
  const schema = flatten(property)
  /** @type {FieldRow[]} */
  const rows = [...fieldRows(schema, path)]
  if (typeof schema.additionalProperties === 'object') {
    const keyName = flatten(schema.propertyNames ?? {}).title ?? 'key'
    const mapPath = `${path}.{${keyName}}`
    const key = schema.propertyNames
      ? [{ ...row(`${path} (keys)`, schema.propertyNames, true) }]
      : []
    rows.push(...key, row(mapPath, schema.additionalProperties, false))
    rows.push(...children(schema.additionalProperties, mapPath))
  }
  if (schema.items && typeof schema.items === 'object') {
    rows.push(...children(schema.items, `${path}[]`))
  }
  return rows
}

/**
 * The codes an error body can carry: the enum values of its `…Code` fields (`errorCode`, and
 * `resultCode` where the spec keeps the original reference's shape).
 * @param {Schema} schema
 * @returns {string[]}
 */
export function errorCodes(schema) {
  const object = flatten(schema)
  return Object.entries(object.properties ?? {})
    .filter(([name]) => /Code$/.test(name))
    .flatMap(([, property]) => flatten(/** @type {Schema} */ (property)).enum ?? [])
    .map(String)
}
