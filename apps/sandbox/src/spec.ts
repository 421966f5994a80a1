// The bundled spec, the single source of truth: request schemas and signing rules are read from
// it at start-up so that the sandbox cannot drift from what the docs and the client say.
import bundled from '@solapi/credentials-spec/openapi.json' with { type: 'json' }

export interface SigningRules {
  header: string
  algorithms: { name: string; hash: string; signatureHexLength: number }[]
  date: { pattern: string }
  salt: { minLength: number; maxLength: number; pattern: string }
  maxClockSkewSeconds: number
  replayWindowSeconds: number
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>
  components: {
    schemas: Record<string, unknown>
    securitySchemes: Record<string, { 'x-solapi-signing'?: SigningRules }>
  }
}

export const openApiDocument = bundled as unknown as OpenApiDocument

export function readSigningRules(document: OpenApiDocument = openApiDocument): SigningRules {
  const rules = document.components.securitySchemes.hmacAuthorization?.['x-solapi-signing']
  if (!rules || !Array.isArray(rules.algorithms) || typeof rules.maxClockSkewSeconds !== 'number') {
    throw new Error(
      'spec: components.securitySchemes.hmacAuthorization.x-solapi-signing is missing',
    )
  }
  return rules
}
