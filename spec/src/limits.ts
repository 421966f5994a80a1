// Every number and pattern that code enforces, read from the spec: the request body limit
// (`x-solapi-limits` at the document root), the shapes of the ApiKey and ApiSecret schemas and
// the CredentialStatus values.
import type { OpenApiDocument, SchemaObject } from './types.js'

export interface StringShape {
  /** The schema's `pattern`, compiled with Unicode semantics as JSON Schema requires. */
  pattern: RegExp
  minLength: number
  maxLength: number
}

export interface Limits {
  /** Request bodies larger than this get 413 PayloadTooLarge. */
  maxRequestBodyBytes: number
  apiKey: StringShape
  apiSecret: StringShape
  /** The values of the CredentialStatus schema's enum, in the spec's order. */
  credentialStatuses: readonly string[]
}

function enumValues(document: OpenApiDocument, name: string): readonly string[] {
  const values = (document.components?.schemas?.[name] as SchemaObject | undefined)?.enum
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) {
    throw new Error(`spec: components.schemas.${name} has no enum of strings`)
  }
  return values
}

function stringShape(document: OpenApiDocument, name: string): StringShape {
  const schema = document.components?.schemas?.[name] as SchemaObject | undefined
  if (typeof schema?.pattern !== 'string') {
    throw new Error(`spec: components.schemas.${name} has no pattern`)
  }
  return {
    pattern: new RegExp(schema.pattern, 'u'),
    minLength: schema.minLength ?? 0,
    maxLength: schema.maxLength ?? Number.POSITIVE_INFINITY,
  }
}

export function readLimits(document: OpenApiDocument): Limits {
  const limits = document['x-solapi-limits'] as { maxRequestBodyBytes?: unknown } | undefined
  const maxRequestBodyBytes = limits?.maxRequestBodyBytes
  if (typeof maxRequestBodyBytes !== 'number') {
    throw new Error('spec: x-solapi-limits.maxRequestBodyBytes is missing')
  }
  return {
    maxRequestBodyBytes,
    apiKey: stringShape(document, 'ApiKey'),
    apiSecret: stringShape(document, 'ApiSecret'),
    credentialStatuses: enumValues(document, 'CredentialStatus'),
  }
}
