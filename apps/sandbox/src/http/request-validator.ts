// Request bodies are validated against the spec's own JSON Schemas (draft 2020-12), so the
// sandbox accepts exactly what the spec documents. Each failure names the field (JSON Pointer)
// and the rule (the JSON Schema keyword), as the spec's FieldError says.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { components, OperationId } from '../api-types.js'
import { ROUTES } from '../routes.js'
import type { OpenApiDocument } from '../spec.js'

export type FieldError = components['schemas']['FieldError']

export type Validation = { ok: true } | { ok: false; errors: FieldError[] }

export type RequestValidator = (operation: OperationId, body: unknown) => Validation

export function createRequestValidator(document: OpenApiDocument): RequestValidator {
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  addFormats.default(ajv)
  // The spec's own annotations (x-original-description, ...) are not validation keywords.
  ajv.addVocabulary([...collectExtensionKeywords(document.components.schemas)])
  ajv.addKeyword('components')
  ajv.addSchema({ $id: 'openapi.json', components: { schemas: document.components.schemas } })

  const validators = new Map<OperationId, ValidateFunction>()
  for (const [path, operation] of Object.entries(ROUTES) as [string, OperationId][]) {
    const post = document.paths[path]?.post as
      | { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }
      | undefined
    const ref = post?.requestBody?.content?.['application/json']?.schema?.$ref
    if (!ref) throw new Error(`spec: ${path} has no application/json request schema $ref`)
    validators.set(operation, ajv.compile({ $ref: `openapi.json${ref}` }))
  }

  return (operation, body) => {
    const validate = validators.get(operation)
    if (!validate) throw new Error(`no validator for ${operation}`)
    if (validate(body)) return { ok: true }
    return { ok: false, errors: (validate.errors ?? []).map(toFieldError) }
  }
}

function toFieldError(error: ErrorObject): FieldError {
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return {
        field: `${error.instancePath}/${escapePointer(String(params.missingProperty))}`,
        rule: 'required',
        message: 'is required',
      }
    case 'additionalProperties': {
      const name = String(params.additionalProperty)
      return {
        field: `${error.instancePath}/${escapePointer(name)}`,
        rule: 'additionalProperties',
        message:
          'is not a field of this request (unknown fields are refused so typos are not ignored)',
      }
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

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1')
}

function collectExtensionKeywords(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) collectExtensionKeywords(item, found)
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key)
      collectExtensionKeywords(value, found)
    }
  }
  return found
}
