// The invalid group: signed requests that break one rule get the refusal the spec documents for
// it: a body that breaks the schema gets 400 naming the field, a body over the limit 413, a body
// not sent as JSON 415, a body that is not JSON (or not UTF-8, or empty) 400.
import type { TransportFault } from '../arbitraries/transport.js'
import type { Exchange } from '../http/exchange.js'
import { codeOf, jsonOf } from './expect.js'
import type { DriverCheck, DriverContext } from './types.js'

/** Whether a 400's `errors[]` names the place that was broken. */
export function namesField(exchange: Exchange, pointer: string, rule: string): boolean {
  const errors = (jsonOf(exchange) as { errors?: unknown } | undefined)?.errors
  if (!Array.isArray(errors)) return false
  return errors.some((error) => {
    const field = (error as { field?: unknown })?.field
    if (typeof field !== 'string') return false
    // A bad property name is reported at the object that holds it.
    return field === pointer || (rule === 'propertyNames' && pointer.startsWith(`${field}/`))
  })
}

function namedFields(exchange: Exchange): string {
  const errors = (jsonOf(exchange) as { errors?: unknown } | undefined)?.errors
  if (!Array.isArray(errors)) return 'no errors[]'
  const fields = errors.map((e) => JSON.stringify((e as { field?: unknown })?.field ?? null))
  return `errors[] names ${fields.join(', ') || 'nothing'}`
}

/** A transport check: every fault of `kinds` gets the status the spec documents for it. */
function transportCheck(id: string, title: string, kinds: readonly TransportFault[]): DriverCheck {
  return {
    kind: 'driver',
    id,
    group: 'invalid',
    title,
    writes: false,
    async run(ctx: DriverContext) {
      const bodies = await ctx.bodies()
      const faults = bodies.across(ctx.operations, (op) => bodies.transport(op, kinds))
      await ctx.property(faults, async ({ operationId, value: fault }) => {
        await ctx.send(
          ctx.contract.operation(operationId),
          { bytes: fault.bytes, contentType: fault.contentType },
          ({ response }) =>
            response.status === fault.expectedStatus
              ? []
              : [`a ${fault.fault} body got ${response.status}, not ${fault.expectedStatus}`],
        )
      })
    },
  }
}

export const invalidChecks: DriverCheck[] = [
  {
    kind: 'driver',
    id: 'invalid.schema',
    group: 'invalid',
    title:
      'a body with one rule broken at one JSON Pointer gets 400 whose errors[] names that field',
    writes: false,
    async run(ctx) {
      const bodies = await ctx.bodies()
      const broken = bodies.across(ctx.operations, bodies.invalid)
      await ctx.property(broken, async ({ operationId, value }) => {
        const { rule, pointer, body } = value
        const at = pointer || '(root)'
        await ctx.send(ctx.contract.operation(operationId), { json: body }, (exchange) => {
          const { status } = exchange.response
          if (status !== 400) {
            const code = codeOf(exchange)
            return [
              `a body breaking "${rule}" at ${at} got ${status}${code ? ` ${code}` : ''}, not 400`,
            ]
          }
          return namesField(exchange, pointer, rule)
            ? []
            : [
                `the 400 for a body breaking "${rule}" at ${at} does not name ${at}: ${namedFields(exchange)}`,
              ]
        })
      })
    },
  },
  transportCheck('invalid.body-too-large', 'a body over the spec limit gets 413', ['too-large']),
  transportCheck('invalid.media-type', 'a body sent with another Content-Type, or none, gets 415', [
    'wrong-content-type',
    'no-content-type',
  ]),
  transportCheck(
    'invalid.malformed-json',
    'a body that is not JSON, not UTF-8, or empty gets 400',
    ['not-json', 'not-utf8', 'empty-body'],
  ),
]
