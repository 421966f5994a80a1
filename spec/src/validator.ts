// The one Ajv (JSON Schema draft 2020-12, with formats) of the toolkit. Schemas are compiled
// where the document writes them, so their `$ref`s resolve exactly as the spec wrote them, and
// every failure is reported as the spec's FieldError: the field (a JSON Pointer into the value),
// the rule (the JSON Schema keyword) and a message.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { Operation } from './operations.js'
import { listOperations, operationLookup, responseFor } from './operations.js'
import { escapeToken, get } from './pointer.js'
import type { OpenApiDocument } from './types.js'

export interface FieldError {
  /** JSON Pointer of the offending value (`''` is the whole value). */
  field: string
  /** The JSON Schema keyword that failed. */
  rule: string
  message: string
}

export type Verdict = { valid: true; errors: [] } | { valid: false; errors: FieldError[] }

export interface Validator {
  /** Validates a value against the schema at `schemaPointer` in the document. */
  validate(schemaPointer: string, value: unknown): Verdict
  /** Validates a request body of an operation (`application/json` unless named). */
  request(operationId: string, body: unknown, mediaType?: string): Verdict
  /** Validates a response body against what the operation documents for `status`. */
  response(operationId: string, status: number, body: unknown, mediaType?: string): Verdict
}

const DOCUMENT_ID = 'openapi.json'

/**
 * Keywords Ajv must know but that validate nothing: those a Schema Object may carry in OpenAPI,
 * and the fields of the document's root, which Ajv reads as a schema when it resolves a `$ref`.
 */
const OPENAPI_KEYWORDS = [
  'discriminator',
  'xml',
  'externalDocs',
  'example',
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'security',
  'tags',
  'paths',
  'webhooks',
  'components',
]

/**
 * The document's validator. `operations` is the document's own list (what `listOperations` reads
 * from it); a caller that has already read it passes it, so that it is not read twice.
 */
export function createValidator(
  document: OpenApiDocument,
  operations: readonly Operation[] = listOperations(document),
): Validator {
  // Strict: a typo in a schema keyword fails at compile time instead of validating nothing.
  // Not strictTypes: it refuses valid JSON Schema that another document may hold (a type list,
  // OpenAPI 3.1's way to write nullable; `required` in an allOf part without its own `type`).
  // Redocly's lint (no-schema-type-mismatch) checks the types of the spec itself.
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: false,
    allErrors: true,
    // Each error carries its schema, which names what an anyOf's branches or a `not` ask for.
    verbose: true,
    validateSchema: false,
  })
  // ajv-formats is CommonJS: under NodeNext its function is the `default` of the default import.
  addFormats.default(ajv)
  ajv.addVocabulary([...OPENAPI_KEYWORDS, ...extensionKeywords(document)])
  ajv.addSchema(document as object, DOCUMENT_ID)

  const compiled = new Map<string, ValidateFunction>()
  const operation = operationLookup(operations)

  function validate(schemaPointer: string, value: unknown): Verdict {
    let check = compiled.get(schemaPointer)
    if (!check) {
      if (get(document, schemaPointer) === undefined) {
        throw new Error(`No schema at ${schemaPointer}`)
      }
      check = ajv.compile({ $ref: `${DOCUMENT_ID}#${encodeURI(schemaPointer)}` })
      compiled.set(schemaPointer, check)
    }
    if (check(value)) return { valid: true, errors: [] }
    return { valid: false, errors: toFieldErrors(check.errors ?? []) }
  }

  return {
    validate,
    request(operationId, body, mediaType = 'application/json') {
      const media = operation(operationId).requestBody?.content[mediaType]
      if (!media) throw new Error(`${operationId} takes no ${mediaType} request body`)
      return validate(media.schemaPointer, body)
    },
    response(operationId, status, body, mediaType = 'application/json') {
      const media = responseFor(operation(operationId), status)?.content[mediaType]
      if (!media) throw new Error(`${operationId} documents no ${mediaType} body for ${status}`)
      return validate(media.schemaPointer, body)
    },
  }
}

/**
 * Ajv's errors as FieldErrors. A failed anyOf or oneOf whose branches all have a `title` is one
 * error naming them, without each branch's own failures (which say less: `status is required`,
 * `drop is required`, ...); any other is listed as Ajv gives it.
 */
function toFieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  const summarized = errors.filter((error) => branchTitles(error) !== undefined)
  const inSummarizedBranch = (error: ErrorObject) =>
    summarized.some((choice) => error.schemaPath.startsWith(`${choice.schemaPath}/`))
  return errors.filter((error) => !inSummarizedBranch(error)).map(toFieldError)
}

/** The titles of an anyOf's or oneOf's branches, when the error is one and every branch has one. */
function branchTitles(error: ErrorObject): string[] | undefined {
  if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') return undefined
  const branches = error.schema
  if (!Array.isArray(branches)) return undefined
  const titles = branches.map((branch) => (branch as { title?: unknown } | null)?.title)
  return titles.every((title) => typeof title === 'string') ? (titles as string[]) : undefined
}

/** Ajv's error as the spec's FieldError, with messages a caller can act on. */
function toFieldError(error: ErrorObject): FieldError {
  const params = error.params as Record<string, unknown>
  const titles = branchTitles(error)
  if (titles) {
    const many = error.keyword === 'anyOf' ? 'at least one' : 'exactly one'
    return {
      field: error.instancePath,
      rule: error.keyword,
      message: `must have ${many} of: ${titles.join('; ')}`,
    }
  }
  switch (error.keyword) {
    case 'dependentRequired':
      return {
        field: `${error.instancePath}/${escapeToken(String(params.property))}`,
        rule: 'dependentRequired',
        message: `needs ${String(params.missingProperty)} as well`,
      }
    case 'not': {
      // What a `not` forbids is named by the title of the schema that holds it (`status with
      // drop: true`); a forbidden combination of fields is pointed at the last field its
      // `required` lists (the one that completes it).
      const forbidden = error.schema as { required?: unknown } | undefined
      const title = (error.parentSchema as { title?: unknown } | undefined)?.title
      const completing = Array.isArray(forbidden?.required) ? forbidden.required.at(-1) : undefined
      return {
        field:
          typeof completing === 'string'
            ? `${error.instancePath}/${escapeToken(completing)}`
            : error.instancePath,
        rule: 'not',
        message:
          typeof title === 'string' ? `must not have ${title}` : (error.message ?? 'is invalid'),
      }
    }
    case 'required':
      return {
        field: `${error.instancePath}/${escapeToken(String(params.missingProperty))}`,
        rule: 'required',
        message: 'is required',
      }
    case 'additionalProperties':
      return {
        field: `${error.instancePath}/${escapeToken(String(params.additionalProperty))}`,
        rule: 'additionalProperties',
        message: 'is not a documented field (unknown fields are refused so typos are not ignored)',
      }
    case 'enum':
      return {
        field: error.instancePath,
        rule: 'enum',
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      }
    case 'pattern':
      return {
        field: error.instancePath,
        rule: 'pattern',
        message: `must match pattern ${String(params.pattern)}`,
      }
    default:
      return {
        field: error.instancePath,
        rule: error.keyword,
        message: error.message ?? 'is invalid',
      }
  }
}

/** The document's own annotations (`x-original-description`, ...), which strict Ajv must know. */
function extensionKeywords(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) extensionKeywords(item, found)
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key)
      extensionKeywords(value, found)
    }
  }
  return found
}
