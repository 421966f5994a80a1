// The toolkit's validation against a document's schemas. Every failure is reported as the
// spec's FieldError: the field (a JSON Pointer into the value), the rule (the JSON Schema keyword)
// and a message. The bundled documents' schemas are validated with the code generated from them
// (src/generated/*-validators.js); any other schema is compiled on first use with the same Ajv
// configuration (ajv-setup.cjs), which is loaded only then.
import type { ErrorObject } from 'ajv'
import { createAjv, schemaRef } from './ajv-setup.cjs'
import { credentialsDocument, sandboxControlDocument } from './document.js'
import { validators as credentialsValidators } from './generated/credentials-validators.js'
import { validators as controlValidators } from './generated/sandbox-control-validators.js'
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

/** A compiled schema, generated or compiled by Ajv: after a `false`, Ajv's errors are on it. */
export interface CompiledSchema {
  (value: unknown): boolean
  errors?: ErrorObject[] | null
}

/** The generated validators of the bundled documents, by schema pointer. */
const GENERATED = new Map<OpenApiDocument, Record<string, CompiledSchema>>([
  [credentialsDocument, credentialsValidators],
  [sandboxControlDocument, controlValidators],
])

/** Compiles schemas of the document with an Ajv made (and Ajv loaded) on the first call. */
function ajvCompiler(document: OpenApiDocument): (schemaPointer: string) => CompiledSchema {
  let ajv: ReturnType<typeof createAjv> | undefined
  return (schemaPointer) => {
    ajv ??= createAjv(document)
    return ajv.compile(schemaRef(schemaPointer))
  }
}

/**
 * The document's validator. `operations` is the document's own list (what `listOperations` reads
 * from it); a caller that has already read it passes it, so that it is not read twice.
 */
export function createValidator(
  document: OpenApiDocument,
  operations: readonly Operation[] = listOperations(document),
): Validator {
  const compiled = new Map<string, CompiledSchema>(Object.entries(GENERATED.get(document) ?? {}))
  const compile = ajvCompiler(document)
  const operation = operationLookup(operations)

  function validate(schemaPointer: string, value: unknown): Verdict {
    let check = compiled.get(schemaPointer)
    if (!check) {
      if (get(document, schemaPointer) === undefined) {
        throw new Error(`No schema at ${schemaPointer}`)
      }
      check = compile(schemaPointer)
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
