// The contract as these tests use it, read through @solapi/credentials-spec (the one reader).
import { credentialsContract } from '@solapi/credentials-spec'

// biome-ignore lint/suspicious/noExplicitAny: response bodies are compared as plain JSON
export type Json = any

export const spec = credentialsContract.document as Json

export interface OperationInfo {
  operationId: string
  path: string
  summary: string
  /** The first named request example. */
  requestExample: Json
  /** The first named 200 example: what the mock answers by default. */
  okExample: Json
}

const first = (examples: Record<string, unknown> | undefined) => Object.values(examples ?? {})[0]

export const operations: OperationInfo[] = credentialsContract.operations.map((op) => ({
  operationId: op.operationId,
  path: op.path,
  summary: op.summary ?? '',
  requestExample: first(op.requestBody?.content['application/json']?.examples),
  okExample: first(op.responses['200']?.content['application/json']?.examples),
}))

export const signing = credentialsContract.signing
