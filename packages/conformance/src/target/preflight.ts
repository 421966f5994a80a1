// Before any check: is anything answering at the URL (a usage error if not), what is the
// server's clock, does it accept the credential, and which keys does the account already hold
// (the run never writes to them).
import type { Contract } from '@solapi/credentials-spec'
import { UsageError } from '../errors.js'
import { exchange } from '../http/exchange.js'
import { type ClockSample, estimateClock, type ServerClock } from './clock.js'
import { createSender, NoAnswerError, type SigningKeys } from './sender.js'

export interface Preflight {
  clock: ServerClock
  /** Every key of the account, the signing key included. */
  accountKeys: string[]
  /** Every secret the list showed, for masking. */
  secrets: string[]
  /** Requests sent. */
  requests: number
}

const PROBES = 3

export async function preflight(
  contract: Contract,
  { baseUrl, keys, timeoutMs }: { baseUrl: string; keys: SigningKeys; timeoutMs: number },
): Promise<Preflight> {
  const list = contract.operation('getCredentialList')
  const url = `${baseUrl}${list.path}`
  // Unsigned probes (answered 401 by a conforming server) read the clock without a signature.
  const samples: ClockSample[] = []
  for (let i = 0; i < PROBES; i++) {
    const sentAt = Date.now()
    try {
      const probe = await exchange(
        {
          method: 'POST',
          url,
          headers: { 'content-type': 'application/json' },
          body: new Uint8Array([123, 125]),
        },
        { timeoutMs },
      )
      samples.push({ sentAt, receivedAt: Date.now(), date: probe.response.headers.date ?? null })
    } catch (error) {
      const cause = error as Error & { cause?: { code?: string } }
      const why =
        cause.name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : (cause.cause?.code ?? cause.message)
      throw new UsageError('--url', `must reach a server: nothing answers POST ${url} (${why})`)
    }
  }
  const clock = estimateClock(samples)
  const sender = createSender({ baseUrl, keys, clock, timeoutMs })
  let signed: Awaited<ReturnType<typeof sender.sendJson>>
  try {
    signed = await sender.sendJson(list, {})
  } catch (error) {
    if (error instanceof NoAnswerError)
      throw new UsageError('--url', `must reach a server: ${error.message}`)
    throw error
  }
  const { status, text } = signed.response
  if (status === 401 || status === 403) {
    let code = ''
    try {
      code = String(JSON.parse(text).errorCode ?? '')
    } catch {}
    const option = code === 'SignatureDoesNotMatch' ? '--api-secret' : '--api-key'
    throw new UsageError(
      option,
      `must be an active credential of the account: the server refused a signed getCredentialList with ${status}${code ? ` ${code}` : ''}`,
    )
  }
  if (status !== 200) {
    throw new Error(
      `The server answered ${status} to a signed getCredentialList, the request every run starts with: it cannot be checked until that works`,
    )
  }
  let credentials: Record<string, { apiSecret?: unknown }> = {}
  try {
    credentials = (JSON.parse(text) as { credentials?: typeof credentials }).credentials ?? {}
  } catch {
    throw new Error('The answer to a signed getCredentialList is not JSON: the run cannot start')
  }
  const accountKeys = [...new Set([keys.apiKey, ...Object.keys(credentials)])]
  const secrets = Object.values(credentials)
    .map((entry) => entry?.apiSecret)
    .filter((secret): secret is string => typeof secret === 'string')
  return { clock, accountKeys, secrets, requests: PROBES + sender.count() }
}
