import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

const require = createRequire(import.meta.url)

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked, not typed
export type Json = any

/** The bundled spec every part of the repo consumes. */
export const spec: Json = JSON.parse(
  readFileSync(require.resolve('@solapi/credentials-spec/openapi.json'), 'utf8'),
)

/** Follows one local `$ref` (`#/components/...`). */
export function deref(node: Json): Json {
  if (!node?.$ref) return node
  const path = String(node.$ref).replace(/^#\//, '').split('/')
  return deref(path.reduce((at: Json, key: string) => at[key], spec))
}

export interface OperationInfo {
  operationId: string
  path: string
  /** The first named request example: the one a client of the docs copies. */
  requestExample: Json
  /** status -> { exampleName -> value }, in the spec's order. */
  responses: Record<string, Record<string, Json>>
  responseSchemaRef: (status: string) => string
}

export const operations: OperationInfo[] = Object.entries(spec.paths).map(([path, item]) => {
  const op = (item as Json).post
  const requestExamples = op.requestBody.content['application/json'].examples
  const firstRequest = Object.values(requestExamples)[0]
  const responses: Record<string, Record<string, Json>> = {}
  for (const [status, response] of Object.entries(op.responses)) {
    const media = deref(response).content['application/json']
    responses[status] = Object.fromEntries(
      Object.entries(media.examples).map(([name, example]) => [name, deref(example).value]),
    )
  }
  return {
    operationId: op.operationId,
    path,
    requestExample: deref(firstRequest).value,
    responses,
    responseSchemaRef: (status: string) =>
      deref(op.responses[status]).content['application/json'].schema.$ref,
  }
})

const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats.default(ajv)
ajv.addSchema({ ...spec, $id: 'spec.json' })

/** Validates `value` against a schema of the spec, given its `#/components/schemas/X` ref. */
export function validate(ref: string, value: Json): string[] {
  const check = ajv.getSchema(`spec.json${ref}`)
  if (!check) throw new Error(`No schema ${ref}`)
  check(value)
  return (check.errors ?? []).map((error) => `${error.instancePath} ${error.message}`)
}
