// @solapi/credentials-spec: the one reader of the contract. Everything that needs to know what
// the API accepts and answers (operations, schemas, signing rules, limits, the Authorization
// grammar) reads it here, from the bundled spec this package publishes.
import { createContract } from './contract.js'
import { credentialsDocument } from './document.js'

// Types are exported where the contract's members return them, so that callers can name them.
export type {
  AuthorizationParse,
  AuthorizationParts,
  FormatOptions,
  ParsedAuthorization,
  PartName,
} from './authorization.js'
export { type Contract, createContract } from './contract.js'
export { credentialsDocument, sandboxControlDocument } from './document.js'
// The types openapi-typescript generates from both bundles (`paths`, `components`, `operations`),
// for servers of the API: the sandbox types its handlers and its control API with them.
export type * as CredentialsApi from './generated/credentials-api.js'
export type * as SandboxControlApi from './generated/sandbox-control-api.js'
export type { Limits, StringShape } from './limits.js'
export {
  type DocumentedResponse,
  listOperations,
  type Media,
  type Operation,
  type Parameter,
  type ResponseHeader,
  responseFor,
} from './operations.js'
export { join as joinPointer } from './pointer.js'
export { reaches, resolveRef } from './refs.js'
export type { SigningAlgorithmRule, SigningRules } from './signing.js'
export type { OpenApiDocument, Schema, SchemaObject } from './types.js'
export { createValidator, type FieldError, type Validator, type Verdict } from './validator.js'

/** The Credentials API as this package's bundled spec describes it. */
export const credentialsContract = createContract(credentialsDocument)
