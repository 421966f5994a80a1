import createClient, { type Client } from 'openapi-fetch'
import type { ApiError } from '../errors/api-error.ts'
import { NetworkError } from '../errors/network-error.ts'
import { TimeoutError } from '../errors/timeout-error.ts'
import type { components, paths } from '../generated/schema.ts'
import type { SigningAlgorithm } from '../generated/signing-rules.ts'
import { createSigner } from '../signing/create-signer.ts'
import { middlewareFor } from '../signing/signing-middleware.ts'
import { attemptSignal, sleep } from './attempt-signal.ts'
import { assertBrowserAllowed } from './browser-guard.ts'
import { errorFromResponse } from './error-from-response.ts'
import { isSurelyUnsent } from './is-surely-unsent.ts'
import { type OkBody, type OperationId, operationPath, type RequestBody } from './operations.ts'
import {
  type AttemptFailure,
  backoffDelay,
  parseRetryAfter,
  type RetryOptions,
  shouldRetry,
} from './retry-policy.ts'
import {
  checkApiKeyArgument,
  checkBaseUrl,
  checkStatusArgument,
  checkTimeout,
  resolveRetry,
} from './validate-options.ts'

/** The spec's production server. */
export const DEFAULT_BASE_URL = 'https://solapi.com'
export const DEFAULT_TIMEOUT_MS = 30_000

export interface CredentialsClientOptions {
  /** The credential's public key (16 upper-case letters and digits). */
  apiKey: string
  /** The credential's secret. Used only as the HMAC key; never sent, logged or put in an error. */
  apiSecret: string
  /** @default 'https://solapi.com' (the spec's production server) */
  baseUrl?: string
  /** @default 'HMAC-SHA256' */
  algorithm?: SigningAlgorithm
  /** Limit of each attempt, in ms; retries get a fresh one. @default 30000 */
  timeoutMs?: number
  /** Retry settings, or `false` for none. @default { limit: 2, baseDelayMs: 300, maxDelayMs: 10000 } */
  retry?: RetryOptions | false
  /** The `fetch` to send with. @default globalThis.fetch */
  fetch?: (input: Request) => Promise<Response>
  /** Extra headers sent with every request (`Authorization` is always set by the signer). @default {} */
  headers?: Record<string, string>
  /**
   * Allow running in a browser, where any visitor can read the apiSecret. Only for tools that
   * only you use. @default false
   */
  dangerouslyAllowBrowser?: boolean
}

export interface CallOptions {
  /** Aborts the whole call, retries and backoff included (rejects with a `TimeoutError`, reason `aborted`). */
  signal?: AbortSignal
  /** Overrides the client's per-attempt `timeoutMs` for this call. */
  timeoutMs?: number
}

type Schemas = components['schemas']
type RawResult = { data?: unknown; error?: unknown; response: Response }

export interface CredentialsClient {
  /** Creates an active key pair. Retries only what surely never reached the server. */
  createCredential(options?: CallOptions): Promise<Schemas['CredentialKeys']>
  getCredentialInfo(apiKey: string, options?: CallOptions): Promise<Schemas['CredentialInfo']>
  /** Replaces the secret. Retries only what surely never reached the server. */
  regenerateSecretKey(apiKey: string, options?: CallOptions): Promise<Schemas['CredentialKeys']>
  getCredentialList(options?: CallOptions): Promise<Schemas['CredentialList']>
  updateCredentialStatus(
    apiKey: string,
    status: Schemas['CredentialStatus'],
    options?: CallOptions,
  ): Promise<Schemas['ResultResponse']>
  deleteCredential(apiKey: string, options?: CallOptions): Promise<Schemas['ResultResponse']>
  /** The openapi-fetch client (`{ data, error, response }`), signing installed; no retries. */
  readonly raw: Client<paths>
}

/**
 * Creates the client. Checks every option first and throws a `ValidationError` naming the option
 * and the rule; in a browser it refuses unless `dangerouslyAllowBrowser` is true.
 */
export function createCredentialsClient(options: CredentialsClientOptions): CredentialsClient {
  const op = 'createCredentialsClient'
  assertBrowserAllowed(options.dangerouslyAllowBrowser)
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL)
  const timeoutMs = checkTimeout(op, 'timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  const retry = resolveRetry(options.retry)

  // Learned from the Date header of a 403 RequestTimeTooSkewed; kept for every later request.
  let clockOffsetMs = 0
  const sign = createSigner(
    { apiKey: options.apiKey, apiSecret: options.apiSecret, algorithm: options.algorithm },
    op,
  )
  const now = () => Date.now() + clockOffsetMs
  // One openapi-fetch client, signed by the same middleware users can install on their own: the
  // typed methods send through it and it is exposed as `raw`. The middleware runs once per
  // attempt, so every retry carries a fresh date, salt and signature.
  const raw = createClient<paths>({
    baseUrl,
    headers: options.headers,
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
  })
  raw.use(middlewareFor(sign, now))

  function learnClockOffset(response: Response): boolean {
    const serverTime = Date.parse(response.headers.get('Date') ?? '')
    if (Number.isNaN(serverTime)) return false
    clockOffsetMs = serverTime - Date.now()
    return true
  }

  async function send<Op extends OperationId>(
    operation: Op,
    body: RequestBody<Op>,
    call: CallOptions = {},
  ): Promise<OkBody<Op>> {
    const path = operationPath(operation)
    const context = { operation, method: 'POST', url: `${baseUrl}${path}` }
    const limitMs =
      call.timeoutMs === undefined
        ? timeoutMs
        : checkTimeout(operation, 'timeoutMs', call.timeoutMs)
    const policy = retry.policies[operation]
    const aborted = (cause: unknown) =>
      new TimeoutError({ ...context, reason: 'aborted', timeoutMs: limitMs, cause })
    let retries = 0
    let skewRetried = false

    for (;;) {
      if (call.signal?.aborted) throw aborted(call.signal.reason)
      const attempt = attemptSignal(limitMs, call.signal)
      let error: ApiError | TimeoutError | NetworkError
      let failure: AttemptFailure
      let response: Response | undefined
      try {
        // The union of paths defeats openapi-fetch's overloads; `send`'s signature keeps it typed.
        const post = raw.POST as (path: string, init: object) => Promise<RawResult>
        const pending = post(path, { body, signal: attempt.signal })
        pending.catch(() => {}) // when the race below is lost, its later rejection is moot
        // Racing the signal, rather than trusting fetch to honour it, keeps the timeout exact even
        // with an injected fetch that ignores signals (or a runtime that drops the abort).
        const result = await Promise.race([pending, attempt.aborted])
        response = result.response
        if (response.ok) return result.data as OkBody<Op>
        error = errorFromResponse(context, response.status, result.error)
        failure = { type: 'status', status: response.status }
      } catch (cause) {
        if (call.signal?.aborted) throw aborted(call.signal.reason)
        if (attempt.timedOut()) {
          error = new TimeoutError({ ...context, reason: 'timeout', timeoutMs: limitMs })
          failure = { type: 'timeout' }
        } else {
          const unsent = isSurelyUnsent(cause)
          error = new NetworkError({ ...context, cause, unsent })
          failure = { type: 'network', unsent }
        }
      } finally {
        attempt.dispose()
      }

      if (
        response &&
        !skewRetried &&
        response.status === 403 &&
        (error as ApiError).code === 'RequestTimeTooSkewed' &&
        learnClockOffset(response)
      ) {
        skewRetried = true
        continue
      }
      if (retries >= retry.limit || !shouldRetry(policy, failure)) throw error
      const retryAfterMs = parseRetryAfter(response?.headers.get('Retry-After') ?? null)
      if (retryAfterMs !== undefined && retryAfterMs > retry.maxDelayMs) throw error
      const delay = retryAfterMs ?? backoffDelay(retries, retry)
      retries++
      try {
        await sleep(delay, call.signal)
      } catch (reason) {
        throw aborted(reason)
      }
    }
  }

  return {
    raw,
    createCredential: async (call) => send('createCredential', {}, call),
    getCredentialInfo: async (apiKey, call) =>
      send('getCredentialInfo', { apiKey: checkApiKeyArgument('getCredentialInfo', apiKey) }, call),
    regenerateSecretKey: async (apiKey, call) =>
      send(
        'regenerateSecretKey',
        { apiKey: checkApiKeyArgument('regenerateSecretKey', apiKey) },
        call,
      ),
    getCredentialList: async (call) => send('getCredentialList', {}, call),
    updateCredentialStatus: async (apiKey, status, call) =>
      send(
        'updateCredentialStatus',
        {
          apiKey: checkApiKeyArgument('updateCredentialStatus', apiKey),
          credentialStatus: checkStatusArgument('updateCredentialStatus', status),
        },
        call,
      ),
    deleteCredential: async (apiKey, call) =>
      send('deleteCredential', { apiKey: checkApiKeyArgument('deleteCredential', apiKey) }, call),
  }
}
