import createClient, { type Client } from 'openapi-fetch'
import type { ApiError } from '../errors/api-error.ts'
import type { components, paths } from '../generated/schema.ts'
import type { SigningAlgorithm } from '../generated/signing-rules.ts'
import { createSigner } from '../signing/create-signer.ts'
import { middlewareFor } from '../signing/signing-middleware.ts'
import { sleep } from './attempt-signal.ts'
import { assertBrowserAllowed } from './browser-guard.ts'
import { type OkBody, type OperationId, operationPath, type RequestBody } from './operations.ts'
import { nextRetryDelay, type RetryOptions } from './retry-policy.ts'
import {
  type AttemptOutcome,
  abortedError,
  type Post,
  type PreparedCall,
  sendAttempt,
} from './send-attempt.ts'
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

  // A 403 RequestTimeTooSkewed carries the server's clock in `Date`: learn the offset, so that
  // this and every later request is signed at server time.
  function correctsClockSkew(outcome: AttemptOutcome): boolean {
    if (outcome.ok || outcome.response?.status !== 403) return false
    if ((outcome.error as ApiError).code !== 'RequestTimeTooSkewed') return false
    const serverTime = Date.parse(outcome.response.headers.get('Date') ?? '')
    if (Number.isNaN(serverTime)) return false
    clockOffsetMs = serverTime - Date.now()
    return true
  }

  function prepareCall(operation: OperationId, call: CallOptions): PreparedCall {
    const path = operationPath(operation)
    return {
      context: { operation, method: 'POST', url: `${baseUrl}${path}` },
      path,
      limitMs:
        call.timeoutMs === undefined
          ? timeoutMs
          : checkTimeout(operation, 'timeoutMs', call.timeoutMs),
      signal: call.signal,
    }
  }

  async function waitBeforeRetry(prepared: PreparedCall, delayMs: number): Promise<void> {
    try {
      await sleep(delayMs, prepared.signal)
    } catch (reason) {
      throw abortedError(prepared, reason)
    }
  }

  // The union of paths defeats openapi-fetch's overloads; `send`'s signature keeps it typed.
  const post = raw.POST as unknown as Post

  // One call: attempts until one succeeds, re-signing once at server time on clock skew, and
  // retrying as the operation's policy allows.
  async function send<Op extends OperationId>(
    operation: Op,
    body: RequestBody<Op>,
    call: CallOptions = {},
  ): Promise<OkBody<Op>> {
    const prepared = prepareCall(operation, call)
    const policy = retry.policies[operation]
    let retries = 0
    let skewCorrected = false
    for (;;) {
      if (call.signal?.aborted) throw abortedError(prepared, call.signal.reason)
      const outcome = await sendAttempt(post, prepared, body)
      if (outcome.ok) return outcome.data as OkBody<Op>
      if (!skewCorrected && correctsClockSkew(outcome)) {
        skewCorrected = true
        continue
      }
      const retryAfter = outcome.response?.headers.get('Retry-After') ?? null
      const delayMs = nextRetryDelay(policy, outcome.failure, retryAfter, retries, retry)
      if (delayMs === undefined) throw outcome.error
      retries++
      await waitBeforeRetry(prepared, delayMs)
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
