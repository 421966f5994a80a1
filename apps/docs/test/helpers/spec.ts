import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked, not typed
export type Json = any

export const spec: Json = JSON.parse(
  readFileSync(require.resolve('@solapi/credentials-spec/openapi.json'), 'utf8'),
)

function deref(node: Json): Json {
  if (!node?.$ref) return node
  const path = String(node.$ref).replace(/^#\//, '').split('/')
  return deref(path.reduce((at: Json, key: string) => at[key], spec))
}

export interface OperationInfo {
  operationId: string
  path: string
  summary: string
  /** The first named request example. */
  requestExample: Json
  /** The first named 200 example: what the mock answers by default. */
  okExample: Json
}

export const operations: OperationInfo[] = Object.entries(spec.paths).map(([path, item]) => {
  const op = (item as Json).post
  const first = (examples: Json) => deref(Object.values(examples)[0]).value
  return {
    operationId: op.operationId,
    path,
    summary: op.summary,
    requestExample: first(op.requestBody.content['application/json'].examples),
    okExample: first(deref(op.responses['200']).content['application/json'].examples),
  }
})

export const signing: Json = spec.components.securitySchemes.hmacAuthorization['x-solapi-signing']
