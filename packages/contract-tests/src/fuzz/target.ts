// Sends requests for an operation of the spec to a target server: JSON bodies, raw bytes, and
// the Authorization header of the caller's choice (signed, broken, or none).

import type { Operation } from '@solapi/credentials-spec'
import type { Signer, SigningInput } from '../arbitraries/authorization.js'
import { type Exchange, exchange, jsonBody } from '../http/exchange.js'

export interface Target {
  baseUrl: string
  apiKey: string
  apiSecret: string
}

export interface SendOptions {
  /** `'sign'` (default) signs with the target's credential; a string is sent as is; `undefined` sends none. */
  authorization?: 'sign' | string | undefined
  /** `undefined` sends no Content-Type. @default 'application/json' */
  contentType?: string | undefined
  /** The algorithm `'sign'` uses. @default 'HMAC-SHA256' */
  algorithm?: SigningInput['algorithm']
}

export function createSender(target: Target, sign: Signer) {
  const signNow = (algorithm: SigningInput['algorithm']) =>
    sign({
      apiKey: target.apiKey,
      apiSecret: target.apiSecret,
      algorithm,
      date: new Date().toISOString(),
      salt: crypto.randomUUID().replaceAll('-', ''),
    })

  /** Requests sent, by operation and status: the suite prints it as its figures. */
  const tally = new Map<string, number>()

  async function sendBytes(
    op: Operation,
    body: Uint8Array,
    options: SendOptions = {},
  ): Promise<Exchange> {
    const headers: Record<string, string> = {}
    const contentType = 'contentType' in options ? options.contentType : 'application/json'
    if (contentType !== undefined) headers['content-type'] = contentType
    const authorization = 'authorization' in options ? options.authorization : 'sign'
    if (authorization === 'sign')
      headers.authorization = signNow(options.algorithm ?? 'HMAC-SHA256')
    else if (authorization !== undefined) headers.authorization = authorization
    const sent = await exchange({
      method: op.method.toUpperCase(),
      url: `${target.baseUrl}${op.path}`,
      headers,
      body,
    })
    const key = `${op.operationId} ${sent.response.status}`
    tally.set(key, (tally.get(key) ?? 0) + 1)
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
      const total = statuses.reduce((sum, [, n]) => sum + n, 0)
      const detail = statuses.map(([status, n]) => `${status}×${n}`).join(', ')
      return `  ${operationId}: ${total} requests (${detail})`
    })
    const total = [...tally.values()].reduce((sum, n) => sum + n, 0)
    return [`${total} requests sent to ${target.baseUrl}`, ...lines].join('\n')
  }

  return {
    summary,
    sendBytes,
    sendJson: (op: Operation, value: unknown, options?: SendOptions) =>
      sendBytes(op, jsonBody(value), options),
  }
}
