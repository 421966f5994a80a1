// The contract as these tests use it, read through @solapi/credentials-spec (the one reader).
import { credentialsContract } from '@solapi/credentials-spec'

// biome-ignore lint/suspicious/noExplicitAny: response bodies are compared as plain JSON
export type Json = any

export const spec = credentialsContract.document as Json

export interface OperationInfo {
  operationId: string
  path: string
  /** The first named request example: the one a client of the docs copies. */
  requestExample: Json
  /** status -> { exampleName -> value }, in the spec's order. */
  responses: Record<string, Record<string, Json>>
  responseSchemaPointer: (status: string) => string
}

const json = 'application/json'

export const operations: OperationInfo[] = credentialsContract.operations.map((op) => ({
  operationId: op.operationId,
  path: op.path,
  requestExample: Object.values(op.requestBody?.content[json]?.examples ?? {})[0],
  responses: Object.fromEntries(
    Object.entries(op.responses).map(([status, response]) => [
      status,
      response.content[json]?.examples ?? {},
    ]),
  ),
  responseSchemaPointer: (status) => {
    const pointer = op.responses[status]?.content[json]?.schemaPointer
    if (!pointer) throw new Error(`${op.operationId} documents no JSON body for ${status}`)
    return pointer
  },
}))

/** Validates `value` against the schema at a pointer of the spec; the failures as text. */
export function validate(schemaPointer: string, value: Json): string[] {
  return credentialsContract
    .validator()
    .validate(schemaPointer, value)
    .errors.map((error) => `${error.field} ${error.message}`)
}
