// The fault rules set through the control API, applied to a Credentials API request: after
// authentication and before any write, so a faulted request changes nothing.
import type { MiddlewareHandler } from 'hono'
import type { OperationId } from '../domain/api-types.js'
import type { ControlStateStore } from '../domain/storage.js'
import { type Env, errorAnswer } from './context.js'

/** The spec's errorCode for each status a fault may answer with. */
const FAULT_ANSWERS = {
  429: ['TooManyRequests', 'Too many requests'],
  500: ['InternalError', 'Internal error'],
  502: ['BadGateway', 'The upstream server gave an invalid answer'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable'],
  504: ['GatewayTimeout', 'The upstream server did not answer in time'],
} as const

export interface FaultParts {
  /** Where the fault rules are kept: each is used up once per request it applies to. */
  faults: Pick<ControlStateStore, 'takeFault'>
  /** Requests a fault dropped: the listener closes their connection instead of answering. */
  dropped: WeakSet<Request>
}

/** Delays, drops or answers `operation`'s request as the oldest matching rule says. */
export function faultInjection(
  operation: OperationId,
  { faults, dropped }: FaultParts,
): MiddlewareHandler<Env> {
  return async (c, next) => {
    // With no rule at all (the usual case), no query looks for one.
    if (!c.get('faulty')) return next()
    const fault = await faults.takeFault(operation)
    if (!fault) return next()
    c.set('faultId', fault.id)
    if (fault.delayMs) await delay(fault.delayMs, c.req.raw.signal)
    if (fault.drop) {
      dropped.add(c.req.raw)
      return c.body(null, 500)
    }
    if (fault.status === undefined) return next()
    const [errorCode, what] = FAULT_ANSWERS[fault.status]
    if (fault.retryAfter !== undefined) c.header('Retry-After', String(fault.retryAfter))
    const retry = fault.retryAfter === undefined ? '' : `; retry after ${fault.retryAfter} seconds`
    return errorAnswer(c, fault.status, errorCode, `${what} (sandbox ${fault.id})${retry}.`)
  }
}

/** Waits `ms`, or less if the client goes away first (then nobody waits for the answer). */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done)
  })
}
