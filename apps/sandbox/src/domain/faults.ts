// Fault rules as the sandbox keeps and applies them. The control API's document describes the
// same rules for the wire; http/control-api.ts maps between the two, so the stores and the
// domain do not depend on the API's generated types.
import type { OperationId } from './api-types.js'

/** The statuses a fault may answer with. */
export type FaultStatus = 429 | 500 | 502 | 503 | 504

/**
 * The next `times` requests that match `operation` (any operation when absent) fail on purpose:
 * answered with `status` (and `retryAfter` seconds), dropped with no answer, and/or delayed by
 * `delayMs` first.
 */
export interface FaultRule {
  operation?: OperationId
  times: number
  status?: FaultStatus
  retryAfter?: number
  delayMs?: number
  drop?: boolean
}

/** A fault rule as added, with its id and the number of requests it still applies to. */
export interface ActiveFault extends FaultRule {
  id: string
  remaining: number
}
