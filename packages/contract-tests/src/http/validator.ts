// Ajv (draft 2020-12, with formats) over the bundled document: schemas are compiled by their
// JSON Pointer in the document, so `$ref`s inside them resolve exactly as the spec wrote them.
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { get } from '../spec/pointer.js'
import type { OpenApiDocument } from '../spec/types.js'

export interface SchemaVerdict {
  valid: boolean
  errors: ErrorObject[]
}

export type SchemaValidator = (schemaPointer: string, value: unknown) => SchemaVerdict

const DOCUMENT_ID = 'openapi.json'

/** Follows `$ref`s while walking `tokens` down from `pointer`, returning the pointer reached. */
export function locate(document: OpenApiDocument, pointer: string, ...tokens: string[]): string {
  let at = pointer
  const follow = () => {
    const node = get(document, at) as { $ref?: unknown } | undefined
    if (typeof node?.$ref === 'string' && node.$ref.startsWith('#'))
      at = decodeURI(node.$ref.slice(1))
  }
  follow()
  for (const token of tokens) {
    at = `${at}/${token.replaceAll('~', '~0').replaceAll('/', '~1')}`
    follow()
  }
  return at
}

export function createSchemaValidator(document: OpenApiDocument): SchemaValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false })
  // ajv-formats is CommonJS: under NodeNext its function is the `default` of the default import.
  addFormats.default(ajv)
  ajv.addSchema(document as object, DOCUMENT_ID)
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>()
  return (schemaPointer, value) => {
    let validate = compiled.get(schemaPointer)
    if (!validate) {
      if (get(document, schemaPointer) === undefined)
        throw new Error(`No schema at ${schemaPointer}`)
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${encodeURI(schemaPointer)}` })
      compiled.set(schemaPointer, validate)
    }
    const valid = validate(value) as boolean
    return { valid, errors: validate.errors ?? [] }
  }
}
