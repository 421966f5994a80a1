// The auth group: the Authorization matrix of the spec's signing scheme. A missing or malformed
// header gets 401; an unknown key, a wrong signature, a date outside the skew window and a
// reused signature each get 403 with their errorCode; a date just inside either edge of the
// window is accepted; every algorithm the spec lists signs, and neither stands in for another.
import fc from 'fast-check'
import {
  AUTH_FAULT_CODES,
  type AuthorizationFault,
  authorizationFaultArbitrary,
  faultyAuthorization,
  randomSalt,
} from '../arbitraries/authorization.js'
import type { Algorithm } from '../target/sender.js'
import type { GeneratedRequest } from './bodies.js'
import { answers } from './expect.js'
import type { DriverCheck, DriverContext, Expectation } from './types.js'
import { validVerdict } from './valid.js'

type Kind = AuthorizationFault['fault']

/** A valid header for the run's keys, signed with `algorithm` at the server's time, fresh salt. */
function signedNow(ctx: DriverContext, algorithm: Algorithm): string {
  return ctx.sign({
    ...ctx.keys,
    algorithm,
    date: new Date(ctx.clock.now()).toISOString(),
    salt: randomSalt(),
  })
}

/** A body for a request to any operation the run may send to (writes name no real key). */
async function requests(ctx: DriverContext, readOnly = false) {
  const bodies = await ctx.bodies()
  return bodies.across(readOnly ? ctx.readOperations : ctx.operations, bodies.valid)
}

/** A fault check: each header the arbitrary draws (of `kinds`) gets its status and code. */
function faultCheck(id: string, title: string, kinds: readonly Kind[]): DriverCheck {
  return {
    kind: 'driver',
    id,
    group: 'auth',
    title,
    writes: false,
    async run(ctx) {
      const wanted = new Set(kinds)
      const protectedKey = (fault: AuthorizationFault) =>
        fault.fault === 'unknown-key' && fault.apiKey === ctx.keys.apiKey
      const faults = authorizationFaultArbitrary(ctx.contract).filter(
        (fault) => wanted.has(fault.fault) && !protectedKey(fault),
      )
      const cases = fc.tuple(faults, await requests(ctx), fc.constantFrom(...ctx.algorithms))
      await ctx.property(cases, async ([fault, { operationId, value }, algorithm]) => {
        const header = faultyAuthorization(
          fault,
          ctx.keys,
          (input) => ctx.sign(input),
          new Date(ctx.clock.now()),
          algorithm,
        )
        const { status, code } = AUTH_FAULT_CODES[fault.fault]
        await ctx.send(
          ctx.contract.operation(operationId),
          { json: value, authorization: header === undefined ? { none: true } : { header } },
          answers(`an Authorization header with fault "${fault.fault}"`, status, code),
        )
      })
    },
  }
}

/** Accepted: what a valid request gets (a success or a business outcome). */
function accepted(ctx: DriverContext, operationId: string, what: string): Expectation {
  const op = ctx.contract.operation(operationId)
  return (exchange) => validVerdict(op, exchange).map((problem) => `${what}: ${problem}`)
}

interface Dated {
  request: GeneratedRequest<unknown>
  offsetMs: number
  algorithm: Algorithm
}

/** Both edges of the window, signed with every algorithm, on the simplest read. */
function edges(ctx: DriverContext, edgeMs: number): Dated[] {
  const request = { operationId: 'getCredentialList', value: {} }
  return ctx.algorithms.flatMap((algorithm) => [
    { request, offsetMs: -edgeMs, algorithm },
    { request, offsetMs: edgeMs, algorithm },
  ])
}

function seconds(ms: number): string {
  return `${ms < 0 ? '-' : '+'}${(Math.abs(ms) / 1000).toFixed(1)} s`
}

export const authChecks: DriverCheck[] = [
  faultCheck(
    'auth.missing-header',
    'a request without Authorization gets 401 MissingAuthorization',
    ['missing'],
  ),
  faultCheck(
    'auth.malformed-header',
    'an Authorization the grammar refuses (method, part, date, salt) gets 401 MalformedAuthorization',
    ['garbage', 'unknown-method', 'missing-part', 'bad-date', 'bad-salt'],
  ),
  faultCheck('auth.unknown-key', 'a key the account does not have gets 403 InvalidAPIKey', [
    'unknown-key',
  ]),
  faultCheck(
    'auth.wrong-signature',
    'a tampered signature, one of the wrong length, or one made with the wrong secret gets 403 SignatureDoesNotMatch',
    ['tampered-signature', 'wrong-length-signature', 'wrong-secret'],
  ),
  {
    kind: 'driver',
    id: 'auth.date-outside-window',
    group: 'auth',
    title: 'a date just outside the skew window, either way, gets 403 RequestTimeTooSkewed',
    writes: false,
    async run(ctx) {
      const windowMs = ctx.contract.signing.maxClockSkewSeconds * 1000
      const edgeMs = windowMs + ctx.edgeMarginMs
      const offsets = fc
        .integer({ min: edgeMs, max: windowMs + 24 * 3600 * 1000 })
        .chain((ms) => fc.constantFrom(ms, -ms))
      const cases = fc.record({
        request: await requests(ctx),
        offsetMs: offsets,
        algorithm: fc.constantFrom(...ctx.algorithms),
      })
      await ctx.property(
        cases,
        async ({ request, offsetMs, algorithm }) => {
          await ctx.send(
            ctx.contract.operation(request.operationId),
            { json: request.value, authorization: { sign: { algorithm, offsetMs } } },
            answers(`a date ${seconds(offsetMs)} from server time`, 403, 'RequestTimeTooSkewed'),
          )
        },
        { examples: edges(ctx, edgeMs) },
      )
    },
  },
  {
    kind: 'driver',
    id: 'auth.date-inside-window',
    group: 'auth',
    title: 'a date just inside either edge of the skew window is accepted',
    writes: false,
    async run(ctx) {
      const edgeMs = ctx.contract.signing.maxClockSkewSeconds * 1000 - ctx.edgeMarginMs
      const cases = fc.record({
        request: await requests(ctx, true),
        offsetMs: fc.integer({ min: -edgeMs, max: edgeMs }),
        algorithm: fc.constantFrom(...ctx.algorithms),
      })
      await ctx.property(
        cases,
        async ({ request, offsetMs, algorithm }) => {
          await ctx.send(
            ctx.contract.operation(request.operationId),
            { json: request.value, authorization: { sign: { algorithm, offsetMs } } },
            accepted(ctx, request.operationId, `a date ${seconds(offsetMs)} from server time`),
          )
        },
        { examples: edges(ctx, edgeMs) },
      )
    },
  },
  {
    kind: 'driver',
    id: 'auth.replayed-signature',
    group: 'auth',
    title: 'a signature sent a second time gets 403 DuplicatedSignature',
    writes: false,
    async run(ctx) {
      const cases = fc.tuple(await requests(ctx, true), fc.constantFrom(...ctx.algorithms))
      await ctx.property(cases, async ([{ operationId, value }, algorithm]) => {
        const op = ctx.contract.operation(operationId)
        const header = signedNow(ctx, algorithm)
        await ctx.send(
          op,
          { json: value, authorization: { header } },
          accepted(ctx, operationId, 'the first use of a signature'),
        )
        await ctx.send(
          op,
          { json: value, authorization: { header } },
          answers('the same signature sent again', 403, 'DuplicatedSignature'),
        )
      })
    },
  },
  {
    kind: 'driver',
    id: 'auth.algorithms',
    group: 'auth',
    title:
      'every algorithm the spec lists signs an accepted request; a signature made with one but labelled as another gets 403 SignatureDoesNotMatch',
    writes: false,
    async run(ctx) {
      const cases = fc.tuple(await requests(ctx, true), fc.constantFrom(...ctx.algorithms))
      await ctx.property(cases, async ([{ operationId, value }, algorithm]) => {
        const op = ctx.contract.operation(operationId)
        const header = signedNow(ctx, algorithm)
        await ctx.send(
          op,
          { json: value, authorization: { header } },
          accepted(ctx, operationId, `a request signed with ${algorithm}`),
        )
        for (const other of ctx.algorithms.filter((name) => name !== algorithm)) {
          // Signed again (a fresh salt), then labelled with the other algorithm's name.
          const fresh = ctx.contract.parseAuthorization(signedNow(ctx, algorithm))
          if (!fresh.ok)
            throw new Error(`The client signed a header the spec refuses: ${fresh.message}`)
          const relabelled = ctx.contract.formatAuthorization({ ...fresh.value, algorithm: other })
          await ctx.send(
            op,
            { json: value, authorization: { header: relabelled } },
            answers(`a ${algorithm} signature labelled ${other}`, 403, 'SignatureDoesNotMatch'),
          )
        }
      })
    },
  },
]
