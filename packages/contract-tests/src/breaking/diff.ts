// A breaking-change checker over two bundled OpenAPI 3.1 documents. `openapi-diff` (npm) only
// parses OpenAPI 2.0/3.0 ("Unsupported OpenAPI version: 3.1.0"), oasdiff and
// @pb33f/openapi-changes download a Go binary at install; so the rules are written here.
//
// Direction matters: a request schema breaks clients when it accepts less than before; a
// response schema breaks clients when it can return something they were not promised.
import { allowedTypes, effectiveSchema } from '../schema/effective.js'
import { resolveRef } from '../spec/openapi.js'
import { join } from '../spec/pointer.js'
import type { OpenApiDocument, Schema, SchemaObject } from '../spec/types.js'
import type { Change, ChangeKind } from './changes.js'

type Direction = 'request' | 'response'

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/** Request-side limits that may only stay or loosen: `min` ones may not rise, `max` ones not fall. */
const REQUEST_LIMITS: Array<[keyword: string, bound: 'min' | 'max']> = [
  ['minLength', 'min'],
  ['maxLength', 'max'],
  ['minimum', 'min'],
  ['exclusiveMinimum', 'min'],
  ['maximum', 'max'],
  ['exclusiveMaximum', 'max'],
  ['minItems', 'min'],
  ['maxItems', 'max'],
  ['minProperties', 'min'],
  ['maxProperties', 'max'],
]

interface Location {
  /** Where a consumer meets the node (through the operation). */
  pointer: string
  /** Where the node is written in the new document (follows `$ref`s). */
  definedAt: string
}

const show = (value: unknown) => JSON.stringify(value)

class Differ {
  readonly changes: Change[] = []
  /** Schema pairs being compared further up the stack: stops recursive schemas from looping. */
  private readonly inProgress = new Set<string>()

  constructor(
    private readonly base: OpenApiDocument,
    private readonly head: OpenApiDocument,
  ) {}

  private add(kind: ChangeKind, breaking: boolean, at: Location, message: string) {
    const definedAt = at.definedAt === `#${at.pointer}` ? undefined : at.definedAt
    this.changes.push({
      kind,
      breaking,
      pointer: at.pointer,
      message,
      ...(definedAt && { definedAt }),
    })
  }

  run(): Change[] {
    const basePaths = this.base.paths ?? {}
    const headPaths = this.head.paths ?? {}
    for (const path of new Set([...Object.keys(basePaths), ...Object.keys(headPaths)])) {
      for (const method of HTTP_METHODS) {
        const before = basePaths[path]?.[method]
        const after = headPaths[path]?.[method]
        const pointer = join('', 'paths', path, method)
        const at = { pointer, definedAt: `#${pointer}` }
        const name = `${method.toUpperCase()} ${path}`
        if (before && !after) this.add('operation-removed', true, at, `operation ${name} removed`)
        else if (!before && after) this.add('operation-added', false, at, `operation ${name} added`)
        else if (before && after) this.operation(before, after, at)
      }
    }
    return this.changes
  }

  private operation(before: SchemaObject, after: SchemaObject, at: Location) {
    this.parameters(before.parameters ?? [], after.parameters ?? [], at)
    const bodyBefore = before.requestBody && resolveRef(this.base, before.requestBody)
    const bodyAfter = after.requestBody && resolveRef(this.head, after.requestBody)
    const bodyAt = this.child(at, 'requestBody', after.requestBody)
    if (bodyAfter?.required && !bodyBefore?.required) {
      this.add('request-body-required', true, bodyAt, 'the request body became required')
    }
    this.content(bodyBefore?.content, bodyAfter?.content, bodyAt, 'request')

    const responsesBefore: SchemaObject = before.responses ?? {}
    const responsesAfter: SchemaObject = after.responses ?? {}
    const responsesAt = this.child(at, 'responses')
    for (const status of Object.keys(responsesBefore)) {
      const responseAt = this.child(responsesAt, status, responsesAfter[status])
      if (!responsesAfter[status]) {
        this.add('status-removed', true, responseAt, `documented status ${status} removed`)
        continue
      }
      this.content(
        resolveRef(this.base, responsesBefore[status]).content,
        resolveRef(this.head, responsesAfter[status]).content,
        responseAt,
        'response',
      )
    }
    for (const status of Object.keys(responsesAfter)) {
      if (!responsesBefore[status]) {
        this.add('status-added', false, this.child(responsesAt, status), `status ${status} added`)
      }
    }
  }

  private parameters(before: SchemaObject[], after: SchemaObject[], at: Location) {
    const key = (doc: OpenApiDocument, p: SchemaObject) => {
      const resolved = resolveRef(doc, p)
      return [`${resolved.in}:${resolved.name}`, resolved] as const
    }
    const was = new Map(before.map((p) => key(this.base, p)))
    const now = new Map(after.map((p) => key(this.head, p)))
    for (const [id, param] of was) {
      const paramAt = this.child(at, 'parameters', id)
      const next = now.get(id)
      if (!next) this.add('parameter-removed', true, paramAt, `parameter ${id} removed`)
      else {
        if (next.required && !param.required) {
          this.add('parameter-became-required', true, paramAt, `parameter ${id} became required`)
        }
        this.schema(
          param.schema,
          next.schema,
          this.child(paramAt, 'schema', next.schema),
          'request',
        )
      }
    }
    for (const [id, param] of now) {
      if (was.has(id)) continue
      const paramAt = this.child(at, 'parameters', id)
      if (param.required) {
        this.add('required-parameter-added', true, paramAt, `required parameter ${id} added`)
      } else this.add('parameter-added', false, paramAt, `optional parameter ${id} added`)
    }
  }

  private content(
    before: SchemaObject | undefined,
    after: SchemaObject | undefined,
    at: Location,
    direction: Direction,
  ) {
    const contentAt = this.child(at, 'content')
    for (const [mediaType, media] of Object.entries(before ?? {})) {
      const mediaAt = this.child(contentAt, mediaType)
      const next = after?.[mediaType]
      if (!next) {
        this.add(
          'media-type-removed',
          true,
          mediaAt,
          `${direction} media type ${mediaType} removed`,
        )
        continue
      }
      this.schema(media.schema, next.schema, this.child(mediaAt, 'schema', next.schema), direction)
    }
    for (const mediaType of Object.keys(after ?? {})) {
      if (before?.[mediaType]) continue
      this.add('media-type-added', false, this.child(contentAt, mediaType), `${mediaType} added`)
    }
  }

  /** A child location; a `$ref` on the new node moves `definedAt` to the referenced component. */
  private child(at: Location, token: string, node?: unknown): Location {
    const ref = (node as SchemaObject | undefined)?.$ref
    return {
      pointer: join(at.pointer, token),
      definedAt: typeof ref === 'string' ? ref : join(at.definedAt, token),
    }
  }

  private schema(
    rawBefore: Schema | undefined,
    rawAfter: Schema | undefined,
    at: Location,
    direction: Direction,
  ) {
    if (rawBefore === undefined && rawAfter === undefined) return
    const key = `${direction} ${show(rawBefore)} ${at.definedAt}`
    if (this.inProgress.has(key)) return
    this.inProgress.add(key)
    try {
      const asObject = (doc: OpenApiDocument, schema: Schema | undefined): SchemaObject | false => {
        if (schema === undefined) return {}
        const flat = effectiveSchema(doc, schema, at.definedAt)
        return flat === true ? {} : flat
      }
      const before = asObject(this.base, rawBefore)
      const after = asObject(this.head, rawAfter)
      if (before === false || after === false) {
        if (before !== after && direction === (after === false ? 'request' : 'response')) {
          this.add(
            'type-changed',
            true,
            at,
            `schema changed from ${show(before)} to ${show(after)}`,
          )
        }
        return
      }
      this.types(before, after, at, direction)
      this.enums(before, after, at, direction)
      if (direction === 'request') this.requestLimits(before, after, at)
      this.properties(before, after, at, direction)
      for (const keyword of ['propertyNames', 'items', 'additionalProperties'] as const) {
        const b: Schema | undefined = before[keyword]
        const a: Schema | undefined = after[keyword]
        // `additionalProperties: false` is a property rule (see `properties`); absent is `true`.
        if (b === false || a === false || (typeof b !== 'object' && typeof a !== 'object')) continue
        this.schema(b ?? true, a ?? true, this.child(at, keyword, a), direction)
      }
      this.variants(before, after, at, direction)
    } finally {
      this.inProgress.delete(key)
    }
  }

  private types(before: SchemaObject, after: SchemaObject, at: Location, direction: Direction) {
    const was = allowedTypes(before)
    const now = allowedTypes(after)
    // Requests break when a type that used to be accepted no longer is; responses break when
    // a type that was never promised may now come back.
    const [narrow, wide] = direction === 'request' ? [now, was] : [was, now]
    if (narrow === undefined) return
    const lost = wide === undefined ? ['any'] : [...wide].filter((t) => !narrow.has(t))
    if (lost.length > 0) {
      const from = before.type === undefined ? 'any type' : show(before.type)
      const to = after.type === undefined ? 'any type' : show(after.type)
      this.add('type-changed', true, at, `${direction} type changed from ${from} to ${to}`)
    }
  }

  private enums(before: SchemaObject, after: SchemaObject, at: Location, direction: Direction) {
    const values = (s: SchemaObject): unknown[] | undefined =>
      Array.isArray(s.enum) ? s.enum : 'const' in s ? [s.const] : undefined
    const was = values(before)
    const now = values(after)
    if (was && now) {
      const has = (list: unknown[], v: unknown) => list.some((w) => show(w) === show(v))
      for (const value of was.filter((v) => !has(now, v))) {
        this.add('enum-value-removed', true, at, `${direction} enum value ${show(value)} removed`)
      }
      for (const value of now.filter((v) => !has(was, v))) {
        this.add('enum-value-added', false, at, `${direction} enum value ${show(value)} added`)
      }
    } else if (now && direction === 'request') {
      this.add('enum-added', true, at, `request values restricted to ${show(now)}`)
    } else if (was && direction === 'response') {
      this.add('enum-dropped', true, at, `response values no longer limited to ${show(was)}`)
    }
  }

  private requestLimits(before: SchemaObject, after: SchemaObject, at: Location) {
    if (after.pattern !== undefined && after.pattern !== before.pattern) {
      const from = before.pattern === undefined ? 'no pattern' : show(before.pattern)
      this.add(
        'constraint-stricter',
        true,
        at,
        `request pattern changed from ${from} to ${show(after.pattern)} (a changed pattern may reject values the old one accepted)`,
      )
    }
    if (after.format !== undefined && after.format !== before.format) {
      this.add('constraint-stricter', true, at, `request format set to ${show(after.format)}`)
    }
    for (const [keyword, bound] of REQUEST_LIMITS) {
      const was: number | undefined = before[keyword]
      const now: number | undefined = after[keyword]
      if (now === undefined || now === was) continue
      const stricter = was === undefined || (bound === 'min' ? now > was : now < was)
      if (stricter) {
        const from = was === undefined ? 'unset' : was
        this.add(
          'constraint-stricter',
          true,
          at,
          `request ${keyword} changed from ${from} to ${now}`,
        )
      }
    }
    if (before.multipleOf !== after.multipleOf && after.multipleOf !== undefined) {
      this.add('constraint-stricter', true, at, `request multipleOf set to ${after.multipleOf}`)
    }
  }

  private properties(
    before: SchemaObject,
    after: SchemaObject,
    at: Location,
    direction: Direction,
  ) {
    const was: SchemaObject = before.properties ?? {}
    const now: SchemaObject = after.properties ?? {}
    const requiredBefore = new Set<string>(before.required ?? [])
    const requiredAfter = new Set<string>(after.required ?? [])
    const propertiesAt = this.child(at, 'properties')
    for (const name of Object.keys(was)) {
      const fieldAt = this.child(propertiesAt, name, now[name])
      if (!Object.hasOwn(now, name)) {
        this.add('field-removed', true, fieldAt, `${direction} field "${name}" removed`)
        continue
      }
      if (direction === 'request' && requiredAfter.has(name) && !requiredBefore.has(name)) {
        this.add('field-became-required', true, fieldAt, `request field "${name}" became required`)
      }
      if (direction === 'response' && requiredBefore.has(name) && !requiredAfter.has(name)) {
        this.add(
          'field-became-optional',
          true,
          fieldAt,
          `response field "${name}" may now be absent`,
        )
      }
      this.schema(was[name], now[name], fieldAt, direction)
    }
    for (const name of Object.keys(now)) {
      if (Object.hasOwn(was, name)) continue
      const fieldAt = this.child(propertiesAt, name, now[name])
      if (direction === 'request' && requiredAfter.has(name)) {
        this.add('required-field-added', true, fieldAt, `required request field "${name}" added`)
      } else this.add('field-added', false, fieldAt, `optional ${direction} field "${name}" added`)
    }
    for (const name of requiredAfter) {
      if (
        direction === 'request' &&
        !Object.hasOwn(now, name) &&
        !Object.hasOwn(was, name) &&
        !requiredBefore.has(name)
      ) {
        const fieldAt = this.child(propertiesAt, name)
        this.add('required-field-added', true, fieldAt, `required request field "${name}" added`)
      }
    }
    if (
      direction === 'request' &&
      after.additionalProperties === false &&
      before.additionalProperties !== false
    ) {
      this.add(
        'additional-properties-closed',
        true,
        this.child(at, 'additionalProperties'),
        'request no longer accepts fields beyond its declared properties',
      )
    }
  }

  private variants(before: SchemaObject, after: SchemaObject, at: Location, direction: Direction) {
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const was: Schema[] = before[keyword] ?? []
      const now: Schema[] = after[keyword] ?? []
      if (was.length === 0 && now.length === 0) continue
      const shared = Math.min(was.length, now.length)
      for (let i = 0; i < shared; i++) {
        this.schema(was[i], now[i], this.child(at, keyword, String(i)), direction)
      }
      if (was.length > now.length && direction === 'request') {
        this.add(
          'variant-removed',
          true,
          at,
          `request ${keyword} lost ${was.length - now.length} variant(s)`,
        )
      } else if (now.length > was.length && direction === 'response') {
        this.add(
          'variant-added',
          true,
          at,
          `response ${keyword} gained ${now.length - was.length} variant(s)`,
        )
      }
    }
  }
}

/** Every difference between two bundled documents that the rules know, breaking or additive. */
export function diffDocuments(base: OpenApiDocument, head: OpenApiDocument): Change[] {
  return new Differ(base, head).run()
}
