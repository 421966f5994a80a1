// Every schema the spec documents for a JSON request or response, by the pointer the spec's
// validator compiles it from. Shared by the arbitrary tests.
import { credentialsContract, type Media, type Schema } from '@solapi/credentials-spec'

export const document = credentialsContract.document
const validator = credentialsContract.validator()
export const validate = (pointer: string, value: unknown) => validator.validate(pointer, value)

export interface DocumentedSchema {
  title: string
  pointer: string
  schema: Schema
}

const at = (title: string, media: Media | undefined): DocumentedSchema => {
  if (!media) throw new Error(`${title} has no application/json schema`)
  return { title, pointer: media.schemaPointer, schema: media.schema }
}

export const requestSchemas: DocumentedSchema[] = credentialsContract.operations.map((op) =>
  at(`${op.operationId} request`, op.requestBody?.content['application/json']),
)

export const responseSchemas: DocumentedSchema[] = credentialsContract.operations.flatMap((op) =>
  Object.values(op.responses).map((response) =>
    at(`${op.operationId} ${response.status} response`, response.content['application/json']),
  ),
)
