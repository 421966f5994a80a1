export {
  type CallOptions,
  type CredentialsClient,
  type CredentialsClientOptions,
  createCredentialsClient,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
} from './client/create-credentials-client.js'
export type { OkBody, OperationId, RequestBody } from './client/operations.js'
export {
  DEFAULT_RETRY_POLICIES,
  RETRY_DEFAULTS,
  type RetryOptions,
  type RetryPolicy,
} from './client/retry-policy.js'
export { ApiError, type ApiErrorInit } from './errors/api-error.js'
export { AuthError } from './errors/auth-error.js'
export {
  CredentialsError,
  type CredentialsErrorKind,
  type ErrorContext,
} from './errors/credentials-error.js'
export { NetworkError, type NetworkErrorInit } from './errors/network-error.js'
export { NotFoundError } from './errors/not-found-error.js'
export { TimeoutError, type TimeoutErrorInit } from './errors/timeout-error.js'
export { type FieldError, ValidationError } from './errors/validation-error.js'
export type { components, operations, paths } from './generated/schema.js'
export type { SignerOptions, SignInput } from './signing/create-signer.js'
export { redactAuthorization } from './signing/redact-authorization.js'
export { SIGNING_ALGORITHMS, type SigningAlgorithm } from './signing/rules.js'
export { type SignAuthorizationOptions, signAuthorization } from './signing/sign-authorization.js'
export {
  createSigningMiddleware,
  type SigningMiddleware,
  type SigningMiddlewareOptions,
} from './signing/signing-middleware.js'
