// Reading the bundled OpenAPI document: its operations, their request and response media,
// and local `$ref`s. Everything here is generic over the document; nothing names a field.
import { readFileSync } from 'node:fs'
import { get, join } from './pointer.js'
import type { OpenApiDocument, Schema, SchemaObject } from './types.js'

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/** The repository's bundled spec, the file every part of the toolkit consumes. */
export const BUNDLED_SPEC_URL = new URL('../../../../spec/dist/openapi.json', import.meta.url)

export function loadDocument(file: string | URL = BUNDLED_SPEC_URL): OpenApiDocument {
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument
}

export interface OperationRef {
  operationId: string
  method: string
  path: string
  /** JSON Pointer of the operation object in the document. */
  pointer: string
  operation: SchemaObject
}

export function listOperations(document: OpenApiDocument): OperationRef[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => {
      const operation = item[method] as SchemaObject
      return {
        operationId: operation.operationId ?? `${method.toUpperCase()} ${path}`,
        method,
        path,
        pointer: join('', 'paths', path, method),
        operation,
      }
    }),
  )
}

export function findOperation(document: OpenApiDocument, operationId: string): OperationRef {
  const found = listOperations(document).find((op) => op.operationId === operationId)
  if (!found) throw new Error(`No operation "${operationId}" in the document`)
  return found
}

/**
 * Follows a chain of local `$ref`s (`#/...`) to the object they name. Keywords beside a `$ref`
 * (OpenAPI 3.1 allows `description` and friends there) are kept on top of the target.
 */
export function resolveRef<T extends Schema>(document: OpenApiDocument, node: T): T {
  let at: Schema = node
  const seen = new Set<string>()
  while (typeof at === 'object' && at !== null && typeof at.$ref === 'string') {
    const ref: string = at.$ref
    if (!ref.startsWith('#')) throw new Error(`Only local $refs are supported, found "${ref}"`)
    if (seen.has(ref)) throw new Error(`$ref cycle through "${ref}"`)
    seen.add(ref)
    const target = get(document, decodeURI(ref.slice(1)))
    if (target === undefined) throw new Error(`Unresolvable $ref "${ref}"`)
    const { $ref: _ref, ...siblings } = at
    at = typeof target === 'boolean' ? target : { ...(target as SchemaObject), ...siblings }
  }
  return at as T
}

/** The JSON request schema of an operation, or `undefined` if it takes no JSON body. */
export function requestSchema(
  document: OpenApiDocument,
  op: OperationRef,
  mediaType = 'application/json',
): Schema | undefined {
  const body = op.operation.requestBody && resolveRef(document, op.operation.requestBody)
  return body?.content?.[mediaType]?.schema
}

/** The response object documented for a status (exact code, then `4XX`-style range, then `default`). */
export function documentedResponse(
  document: OpenApiDocument,
  op: OperationRef,
  status: number,
): SchemaObject | undefined {
  const responses: Record<string, SchemaObject> = op.operation.responses ?? {}
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k])
  return key === undefined ? undefined : resolveRef(document, responses[key] as SchemaObject)
}
