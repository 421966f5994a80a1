export {
  type CallOptions,
  type CredentialsClient,
  type CredentialsClientOptions,
  createCredentialsClient,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
} from './client/create-credentials-client.ts'
export type { OkBody, OperationId, RequestBody } from './client/operations.ts'
export {
  DEFAULT_RETRY_POLICIES,
  RETRY_DEFAULTS,
  type RetryOptions,
  type RetryPolicy,
} from './client/retry-policy.ts'
export { ApiError, type ApiErrorInit } from './errors/api-error.ts'
export { AuthError } from './errors/auth-error.ts'
export {
  CredentialsError,
  type CredentialsErrorKind,
  type ErrorContext,
} from './errors/credentials-error.ts'
export { NetworkError, type NetworkErrorInit } from './errors/network-error.ts'
export { NotFoundError } from './errors/not-found-error.ts'
export { TimeoutError, type TimeoutErrorInit } from './errors/timeout-error.ts'
export { type FieldError, ValidationError } from './errors/validation-error.ts'
export type { components, operations, paths } from './generated/schema.ts'
export {
  DEFAULT_ALGORITHM,
  SIGNATURE_HINTS,
  SIGNING_ALGORITHMS,
  type SignatureHint,
  type SigningAlgorithm,
} from './generated/signing-rules.ts'
export type { SignerOptions, SignInput } from './signing/create-signer.ts'
export { redactAuthorization } from './signing/redact-authorization.ts'
export { type SignAuthorizationOptions, signAuthorization } from './signing/sign-authorization.ts'
export {
  createSigningMiddleware,
  type SigningMiddleware,
  type SigningMiddlewareOptions,
} from './signing/signing-middleware.ts'
