// The valid group: requests generated valid against the spec and correctly signed never get a
// server error, nor a refusal: only a success or a documented business outcome.
import { type Operation, responseFor } from '@solapi/credentials-spec'
import fc from 'fast-check'
import type { Exchange } from '../http/exchange.js'
import { codeOf } from './expect.js'
import type { DriverCheck } from './types.js'

/**
 * Statuses that refuse a request for what it is (its body, size, media type or signature), not
 * for what it asks: a valid, signed request must never get one. Documented 4xx outside this
 * list (404 unknown key, 409 last active credential) are business outcomes.
 */
export const REFUSALS: ReadonlySet<number> = new Set([400, 401, 403, 413, 415, 429])

/** What is wrong with the answer to a valid, correctly signed request, if anything. */
export function validVerdict(op: Operation, { response }: Exchange, code?: string): string[] {
  const { status } = response
  const got = `${status}${code ? ` ${code}` : ''}`
  if (status >= 500) return [`a valid, correctly signed request got a server error: ${got}`]
  if (REFUSALS.has(status)) return [`a valid, correctly signed request was refused with ${got}`]
  if (status >= 300 && !responseFor(op, status)) {
    return [`a valid, correctly signed request got ${got}, not a documented business outcome`]
  }
  return []
}

const DELETE = 'deleteCredential'

/** Valid requests an operation must get before the check expects one of them to succeed. */
const SUCCESS_SAMPLE = 10

export const validChecks: DriverCheck[] = [
  {
    kind: 'driver',
    id: 'valid.accepted',
    group: 'valid',
    title:
      'valid, signed requests get a success or a documented business outcome (404, 409), never a 5xx or a refusal',
    writes: false,
    async run(ctx) {
      // Writes name keys of the check's own pool (so that they succeed) or keys that do not exist.
      const bodies = await ctx.bodies({ poolSize: 8 })
      const statuses = new Map<string, Map<number, number>>()
      const requests = fc.tuple(
        bodies.across(ctx.operations, bodies.valid),
        fc.constantFrom(...ctx.algorithms),
      )
      await ctx.property(requests, async ([{ operationId, value }, algorithm]) => {
        const op = ctx.contract.operation(operationId)
        const sent = await ctx.send(
          op,
          { json: value, authorization: { sign: { algorithm } } },
          (exchange) => validVerdict(op, exchange, codeOf(exchange)),
        )
        const seen = statuses.get(operationId) ?? new Map<number, number>()
        seen.set(sent.response.status, (seen.get(sent.response.status) ?? 0) + 1)
        statuses.set(operationId, seen)
        const apiKey = (value as { apiKey?: string }).apiKey
        if (operationId === DELETE && sent.response.status === 200 && apiKey) {
          await bodies.pool?.replace(apiKey)
        }
      })
      // Bodies name existing keys three times in four, so that an operation sent ten valid
      // requests or more (a chance of one in a million to name none) also succeeds.
      for (const [operationId, seen] of statuses) {
        const sent = [...seen.values()].reduce((sum, n) => sum + n, 0)
        if (
          sent >= SUCCESS_SAMPLE &&
          ![...seen.keys()].some((status) => status >= 200 && status < 300)
        ) {
          const detail = [...seen].map(([status, n]) => `${status}×${n}`).join(', ')
          ctx.fail(`${operationId} never succeeded in its valid requests (${detail})`)
        }
      }
    },
  },
]
