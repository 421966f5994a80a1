// The operations of a document, each with its request media and documented responses, `$ref`s
// resolved. Everything here is generic over the document; nothing names a field of the API.
import { get, join } from './pointer.js'
import { locate, resolveRef } from './refs.js'
import type { OpenApiDocument, Schema, SchemaObject } from './types.js'

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/** One media type of a request body or response. */
export interface Media {
  mediaType: string
  /** Where the schema is written (refs followed): what the validator compiles. */
  schemaPointer: string
  /** The schema, its top-level `$ref` resolved. */
  schema: Schema
  /** The named examples, name to value, in the spec's order (the first is what Prism serves). */
  examples: Record<string, unknown>
}

export interface ResponseHeader {
  name: string
  required: boolean
  description?: string
  schema: Schema
}

export interface DocumentedResponse {
  /** The key in `responses`: a status (`'200'`), a range (`'4XX'`) or `'default'`. */
  status: string
  description: string
  headers: Record<string, ResponseHeader>
  content: Record<string, Media>
}

/** A parameter of an operation (query, path, header or cookie), `$ref`s resolved. */
export interface Parameter {
  name: string
  in: string
  required: boolean
  description?: string
  /** Where the schema is written (refs followed): what the validator compiles. */
  schemaPointer: string
  /** The schema, its top-level `$ref` resolved. */
  schema: Schema
}

export interface Operation {
  operationId: string
  /** Lower case, as the document writes it: `post`. */
  method: string
  path: string
  /** JSON Pointer of the operation object in the document. */
  pointer: string
  summary?: string
  /** The operation object as written, for anything not lifted out here. */
  raw: SchemaObject
  /** The operation's parameters, then those of its path item that it does not override. */
  parameters: Parameter[]
  requestBody?: { required: boolean; content: Record<string, Media> }
  /** By key in the order the document lists them. */
  responses: Record<string, DocumentedResponse>
}

function readMedia(
  document: OpenApiDocument,
  pointer: string,
  mediaType: string,
  media: SchemaObject,
): Media {
  const examples: Record<string, unknown> = {}
  for (const [name, example] of Object.entries<SchemaObject>(media.examples ?? {})) {
    examples[name] = resolveRef(document, example).value
  }
  return {
    mediaType,
    schemaPointer: locate(document, pointer, 'content', mediaType, 'schema'),
    schema: resolveRef(document, media.schema ?? true),
    examples,
  }
}

function readContent(document: OpenApiDocument, pointer: string): Record<string, Media> {
  const at = locate(document, pointer)
  const node = get(document, at) as SchemaObject
  const content: Record<string, Media> = {}
  for (const [mediaType, media] of Object.entries<SchemaObject>(node.content ?? {})) {
    content[mediaType] = readMedia(document, at, mediaType, media)
  }
  return content
}

function readResponse(document: OpenApiDocument, pointer: string, status: string) {
  const at = locate(document, pointer)
  const response = get(document, at) as SchemaObject
  const headers: Record<string, ResponseHeader> = {}
  for (const [name, header] of Object.entries<SchemaObject>(response.headers ?? {})) {
    const resolved = resolveRef(document, header)
    headers[name] = {
      name,
      required: resolved.required === true,
      ...(resolved.description ? { description: resolved.description } : {}),
      schema: resolveRef(document, resolved.schema ?? true),
    }
  }
  return {
    status,
    description: String(response.description ?? ''),
    headers,
    content: readContent(document, at),
  }
}

function readParameters(document: OpenApiDocument, pointers: string[]): Parameter[] {
  const parameters = new Map<string, Parameter>()
  for (const pointer of pointers) {
    const list = (get(document, pointer) as SchemaObject[] | undefined) ?? []
    list.forEach((_, index) => {
      const at = locate(document, join(pointer, String(index)))
      const parameter = get(document, at) as SchemaObject
      const key = `${parameter.in} ${parameter.name}`
      if (parameters.has(key)) return
      parameters.set(key, {
        name: String(parameter.name),
        in: String(parameter.in),
        required: parameter.required === true,
        ...(parameter.description ? { description: String(parameter.description) } : {}),
        schemaPointer: locate(document, at, 'schema'),
        schema: resolveRef(document, parameter.schema ?? true),
      })
    })
  }
  return [...parameters.values()]
}

export function listOperations(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method): Operation => {
      const raw = item[method] as SchemaObject
      const pointer = join('', 'paths', path, method)
      const responses: Record<string, DocumentedResponse> = {}
      for (const status of Object.keys(raw.responses ?? {})) {
        responses[status] = readResponse(document, join(pointer, 'responses', status), status)
      }
      const body = raw.requestBody && resolveRef(document, raw.requestBody)
      return {
        operationId: raw.operationId ?? `${method.toUpperCase()} ${path}`,
        method,
        path,
        pointer,
        ...(raw.summary ? { summary: raw.summary } : {}),
        raw,
        parameters: readParameters(document, [
          join(pointer, 'parameters'),
          join('', 'paths', path, 'parameters'),
        ]),
        ...(body
          ? {
              requestBody: {
                required: body.required === true,
                content: readContent(document, join(pointer, 'requestBody')),
              },
            }
          : {}),
        responses,
      }
    }),
  )
}

/**
 * The operation with an id, looked up in `operations`. The contract and the validator both look
 * operations up by id, so both throw the same error, listing the ids, when there is none.
 */
export function operationLookup(
  operations: readonly Operation[],
): (operationId: string) => Operation {
  const byId = new Map(operations.map((op) => [op.operationId, op]))
  return (operationId) => {
    const found = byId.get(operationId)
    if (!found) {
      throw new Error(
        `No operation "${operationId}"; the operations are ${[...byId.keys()].join(', ')}`,
      )
    }
    return found
  }
}

/**
 * The response documented for a status: the exact code, then its range (`4XX`), then
 * `default`; `undefined` when the operation does not document it.
 */
export function responseFor(operation: Operation, status: number): DocumentedResponse | undefined {
  const keys = [String(status), `${String(status)[0]}XX`, 'default']
  const key = keys.find((k) => Object.hasOwn(operation.responses, k))
  return key === undefined ? undefined : operation.responses[key]
}
