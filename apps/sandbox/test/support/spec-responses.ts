import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { openApiDocument } from '../../src/spec.js'

const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats.default(ajv)
ajv.addSchema({ $id: 'openapi.json', ...openApiDocument })

const pointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1')

/**
 * Checks a response body against the schema the spec documents for that path and status, so
 * the tests hold the sandbox to the spec rather than to its own idea of it.
 */
export function responseSchemaErrors(path: string, status: number, body: unknown): string[] {
  const operation = openApiDocument.paths[path]?.post as
    | { responses: Record<string, { $ref?: string }> }
    | undefined
  const response = operation?.responses[String(status)]
  if (!response) return [`spec documents no ${status} for POST ${path}`]
  const base = response.$ref ?? `#/paths/${pointer(path)}/post/responses/${status}`
  const ref = `openapi.json${base}/content/application~1json/schema`
  const validate = ajv.getSchema(ref)
  if (!validate) return [`cannot resolve ${ref}`]
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)
}
