// The signing rules as the spec states them in `x-solapi-signing` of its HMAC security scheme,
// and the key and secret shapes of its ApiKey/ApiSecret schemas.
import type { SigningRules } from '../arbitraries/authorization.js'
import type { OpenApiDocument, SchemaObject } from './types.js'

export interface SpecSigning extends SigningRules {
  algorithms: string[]
  datePattern: RegExp
}

export function signingRules(document: OpenApiDocument): SpecSigning {
  const schemes = document.components?.securitySchemes ?? {}
  const scheme = Object.values(schemes).find((s) => s['x-solapi-signing'])
  if (!scheme) throw new Error('No security scheme carries x-solapi-signing')
  const signing = scheme['x-solapi-signing'] as SchemaObject
  const schemas = document.components?.schemas ?? {}
  const pattern = (name: string) => {
    const source = schemas[name]?.pattern
    if (typeof source !== 'string') throw new Error(`components.schemas.${name} has no pattern`)
    return new RegExp(source, 'u')
  }
  return {
    algorithms: signing.algorithms.map((a: { name: string }) => a.name),
    datePattern: new RegExp(signing.date.pattern, 'u'),
    saltPattern: new RegExp(signing.salt.pattern, 'u'),
    maxClockSkewSeconds: signing.maxClockSkewSeconds,
    apiKeyPattern: pattern('ApiKey'),
    apiSecretPattern: pattern('ApiSecret'),
  }
}
