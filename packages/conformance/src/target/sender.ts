// Sends requests for operations of the spec to the server under test: JSON bodies or raw bytes,
// and the Authorization header of the caller's choice (signed with any credential, algorithm and
// date, a header given as is, or none). Signed dates follow the server's clock.
import { DEFAULT_ALGORITHM, signAuthorization } from '@solapi/credentials-client'
import type { Operation } from '@solapi/credentials-spec'
import { randomSalt, type Signer, type SigningInput } from '../arbitraries/authorization.js'
import { RunAborted } from '../errors.js'
import { type Exchange, exchange, jsonBody } from '../http/exchange.js'
import type { ServerClock } from './clock.js'

export type Algorithm = SigningInput['algorithm']

export interface SigningKeys {
  apiKey: string
  apiSecret: string
}

export type AuthorizationChoice =
  /** Signed now (server time, plus `offsetMs`), with the target's credential unless `keys`. */
  | { sign: { keys?: SigningKeys; algorithm?: Algorithm; offsetMs?: number } }
  /** This exact header value. */
  | { header: string }
  /** No Authorization header. */
  | { none: true }

export interface SendOptions {
  /** @default signed with the target's credential */
  authorization?: AuthorizationChoice
  /** `undefined` sends no Content-Type. @default 'application/json' */
  contentType?: string | undefined
}

/** The server gave no answer: a timeout, a refused or broken connection. */
export class NoAnswerError extends Error {
  override name = 'NoAnswerError'
}

export interface SenderOptions {
  baseUrl: string
  keys: SigningKeys
  clock?: Pick<ServerClock, 'now'>
  timeoutMs?: number
  sign?: Signer
  /** Once aborted, no further request is sent (RunAborted); requests in flight finish. */
  signal?: AbortSignal
  /** Every secret used to sign, so that reports can mask it. */
  onSecret?: (secret: string) => void
}

/** How many times a 429 answer to a signed request is retried (re-signed). */
const RATE_LIMIT_RETRIES = 3

const RETRY_AFTER_CAP_MS = 10_000

function retryAfterMs(exchanged: Exchange): number {
  const header = exchanged.response.headers['retry-after']
  const seconds = header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) : 1
  return Math.min(seconds * 1000, RETRY_AFTER_CAP_MS)
}

export function createSender(options: SenderOptions) {
  const {
    baseUrl,
    keys,
    clock = { now: Date.now },
    timeoutMs = 10_000,
    signal,
    sign = signAuthorization as Signer,
    onSecret,
  } = options

  /** Requests sent, by operation and status: `summary()` prints them. */
  const tally = new Map<string, number>()
  let total = 0

  function authorizationHeader(choice: AuthorizationChoice): string | undefined {
    if ('none' in choice) return undefined
    if ('header' in choice) return choice.header
    const signing = choice.sign.keys ?? keys
    onSecret?.(signing.apiSecret)
    return sign({
      ...signing,
      algorithm: choice.sign.algorithm ?? DEFAULT_ALGORITHM,
      date: new Date(clock.now() + (choice.sign.offsetMs ?? 0)).toISOString(),
      salt: randomSalt(),
    })
  }

  async function sendOnce(op: Operation, body: Uint8Array, send: SendOptions): Promise<Exchange> {
    if (signal?.aborted) throw new RunAborted()
    const headers: Record<string, string> = {}
    const contentType = 'contentType' in send ? send.contentType : 'application/json'
    if (contentType !== undefined) headers['content-type'] = contentType
    const authorization = authorizationHeader(send.authorization ?? { sign: {} })
    if (authorization !== undefined) headers.authorization = authorization
    const url = `${baseUrl}${op.path}`
    let sent: Exchange
    total++
    try {
      // A stop does not abort a request in flight: its answer may create a credential that
      // the run must learn of, to delete it. No request starts after a stop.
      sent = await exchange({ method: op.method.toUpperCase(), url, headers, body }, { timeoutMs })
    } catch (error) {
      const cause = error as Error & { cause?: { code?: string; message?: string } }
      throw new NoAnswerError(
        cause.name === 'TimeoutError'
          ? `no answer from POST ${op.path} within ${timeoutMs} ms`
          : `no answer from POST ${op.path}: ${cause.cause?.code ?? cause.cause?.message ?? cause.message}`,
      )
    }
    const key = `${op.operationId} ${sent.response.status}`
    tally.set(key, (tally.get(key) ?? 0) + 1)
    return sent
  }

  async function sendBytes(
    op: Operation,
    body: Uint8Array,
    send: SendOptions = {},
  ): Promise<Exchange> {
    const signed = !send.authorization || 'sign' in send.authorization
    let sent = await sendOnce(op, body, send)
    // A 429 is the server asking to come back later, not a verdict on the request: a signed
    // request is signed afresh and sent again after Retry-After (capped).
    for (
      let retry = 0;
      signed && sent.response.status === 429 && retry < RATE_LIMIT_RETRIES;
      retry++
    ) {
      await new Promise((resolve) => setTimeout(resolve, retryAfterMs(sent)))
      sent = await sendOnce(op, body, send)
    }
    return sent
  }

  /** One line per operation: requests sent and how many got each status. */
  function summary(): string {
    const byOperation = new Map<string, Array<[string, number]>>()
    for (const [key, count] of [...tally].sort()) {
      const [operationId, status] = key.split(' ') as [string, string]
      byOperation.set(operationId, [...(byOperation.get(operationId) ?? []), [status, count]])
    }
    const lines = [...byOperation].map(([operationId, statuses]) => {
      const sum = statuses.reduce((n, [, count]) => n + count, 0)
      const detail = statuses.map(([status, n]) => `${status}×${n}`).join(', ')
      return `  ${operationId}: ${sum} requests (${detail})`
    })
    return [`${total} requests sent to ${baseUrl}`, ...lines].join('\n')
  }

  return {
    sendBytes,
    sendJson: (op: Operation, value: unknown, send?: SendOptions) =>
      sendBytes(op, jsonBody(value), send),
    summary,
    /** Requests sent so far, retries included. */
    count: () => total,
    /** Requests by `operationId status`. */
    tally: (): ReadonlyMap<string, number> => tally,
  }
}

export type Sender = ReturnType<typeof createSender>
