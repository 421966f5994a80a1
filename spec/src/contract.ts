// A document read once: its operations, validator, signing rules, limits and header grammar.
import {
  type AuthorizationParts,
  createAuthorizationFormatter,
  createAuthorizationParser,
  type FormatOptions,
} from './authorization.js'
import { type Limits, readLimits } from './limits.js'
import { listOperations, type Operation, operationLookup } from './operations.js'
import { reaches, resolveRef } from './refs.js'
import { readSigningRules, type SigningRules } from './signing.js'
import type { OpenApiDocument, Schema } from './types.js'
import { createValidator, type Validator } from './validator.js'

export interface Contract {
  document: OpenApiDocument
  operations: readonly Operation[]
  /** The operation with this id; throws listing the ids when there is none. */
  operation(operationId: string): Operation
  /** Follows local `$ref`s to what they name. */
  resolveRef<T extends Schema>(node: T): T
  /** Whether a schema uses the component `ref`, directly or through what it refers to. */
  reaches(schema: Schema, ref: string): boolean
  /** The document's validator, compiled on first use and shared after that. */
  validator(): Validator
  signing: SigningRules
  limits: Limits
  parseAuthorization: ReturnType<typeof createAuthorizationParser>
  formatAuthorization(parts: AuthorizationParts, options?: FormatOptions): string
}

/** Reads a Credentials API document (the bundled one, or another version of it). */
export function createContract(document: OpenApiDocument): Contract {
  const operations = listOperations(document)
  const signing = readSigningRules(document)
  const limits = readLimits(document)
  let validator: Validator | undefined
  return {
    document,
    operations,
    operation: operationLookup(operations),
    resolveRef: (node) => resolveRef(document, node),
    reaches: (schema, ref) => reaches(document, schema, ref),
    validator: () => {
      validator ??= createValidator(document, operations)
      return validator
    },
    signing,
    limits,
    parseAuthorization: createAuthorizationParser(signing, limits.apiKey),
    formatAuthorization: createAuthorizationFormatter(signing),
  }
}
