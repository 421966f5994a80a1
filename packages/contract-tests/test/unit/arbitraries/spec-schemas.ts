// Every schema the spec documents for a JSON request or response, by the pointer ajv
// compiles it from. Shared by the arbitrary tests.
import { createSchemaValidator, locate } from '../../../src/http/validator.js'
import { listOperations, loadDocument } from '../../../src/spec/openapi.js'
import { get } from '../../../src/spec/pointer.js'
import type { Schema } from '../../../src/spec/types.js'

export const document = loadDocument()
export const validate = createSchemaValidator(document)

export interface DocumentedSchema {
  title: string
  pointer: string
  schema: Schema
}

const at = (title: string, pointer: string): DocumentedSchema => ({
  title,
  pointer,
  schema: get(document, pointer) as Schema,
})

export const requestSchemas: DocumentedSchema[] = listOperations(document).map((op) =>
  at(
    `${op.operationId} request`,
    locate(document, op.pointer, 'requestBody', 'content', 'application/json', 'schema'),
  ),
)

export const responseSchemas: DocumentedSchema[] = listOperations(document).flatMap((op) =>
  Object.keys(op.operation.responses).map((status) =>
    at(
      `${op.operationId} ${status} response`,
      locate(document, op.pointer, 'responses', status, 'content', 'application/json', 'schema'),
    ),
  ),
)
