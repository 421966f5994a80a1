// Sends requests for an operation of the spec to a target server: JSON bodies, raw bytes, and
// the Authorization header of the caller's choice (signed, broken, or none).
import type { Signer } from '../arbitraries/authorization.js'
import { type Exchange, exchange, jsonBody } from '../http/exchange.js'
import type { OperationRef } from '../spec/openapi.js'

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
}

export function createSender(target: Target, sign: Signer) {
  const signNow = () =>
    sign({
      apiKey: target.apiKey,
      apiSecret: target.apiSecret,
      algorithm: 'HMAC-SHA256',
      date: new Date().toISOString(),
      salt: crypto.randomUUID().replaceAll('-', ''),
    })

  async function sendBytes(
    op: OperationRef,
    body: Uint8Array,
    options: SendOptions = {},
  ): Promise<Exchange> {
    const headers: Record<string, string> = {}
    const contentType = 'contentType' in options ? options.contentType : 'application/json'
    if (contentType !== undefined) headers['content-type'] = contentType
    const authorization = 'authorization' in options ? options.authorization : 'sign'
    if (authorization === 'sign') headers.authorization = signNow()
    else if (authorization !== undefined) headers.authorization = authorization
    return exchange({
      method: op.method.toUpperCase(),
      url: `${target.baseUrl}${op.path}`,
      headers,
      body,
    })
  }

  return {
    sendBytes,
    sendJson: (op: OperationRef, value: unknown, options?: SendOptions) =>
      sendBytes(op, jsonBody(value), options),
  }
}

export type Sender = ReturnType<typeof createSender>
