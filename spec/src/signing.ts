// The signing rules as the spec states them, machine-readable, in `x-solapi-signing` of its HMAC
// security scheme. The client, the sandbox, the docs and the conformance checks all follow these.
import type { OpenApiDocument, SchemaObject } from './types.js'

export interface SigningAlgorithmRule {
  /** The method word of the header: `HMAC-SHA256`. */
  name: string
  /** The Web Crypto name of the hash: `SHA-256`. */
  hash: string
  signatureHexLength: number
}

export interface SigningRules {
  header: string
  algorithms: SigningAlgorithmRule[]
  defaultAlgorithm: string
  /** `{algorithm} apiKey={apiKey}, date={date}, salt={salt}, signature={signature}` */
  headerFormat: string
  /** What is signed: `{date}{salt}`. */
  signingString: string
  key: string
  signatureEncoding: string
  date: { format: string; pattern: string }
  salt: { minLength: number; maxLength: number; pattern: string }
  /** Dates further than this from server time are refused (403 RequestTimeTooSkewed). */
  maxClockSkewSeconds: number
  /** How long an accepted signature is remembered (403 DuplicatedSignature on reuse). */
  replayWindowSeconds: number
  workedExample: {
    apiKey: string
    apiSecret: string
    date: string
    salt: string
    signatures: Record<string, string>
    command: string
  }
  /** `date.pattern` and `salt.pattern`, compiled. */
  datePattern: RegExp
  saltPattern: RegExp
}

/** Reads `x-solapi-signing` from the security scheme that carries it; throws naming what is missing. */
export function readSigningRules(document: OpenApiDocument): SigningRules {
  const schemes = document.components?.securitySchemes ?? {}
  const scheme = Object.values(schemes).find((s) => s['x-solapi-signing'])
  const rules = scheme?.['x-solapi-signing'] as SchemaObject | undefined
  if (!rules) throw new Error('spec: no security scheme carries x-solapi-signing')
  for (const field of ['algorithms', 'headerFormat', 'date', 'salt', 'maxClockSkewSeconds']) {
    if (rules[field] === undefined) throw new Error(`spec: x-solapi-signing has no ${field}`)
  }
  return {
    ...(rules as Omit<SigningRules, 'datePattern' | 'saltPattern'>),
    datePattern: new RegExp(rules.date.pattern, 'u'),
    saltPattern: new RegExp(rules.salt.pattern, 'u'),
  }
}
