// Runs one driver check: the context it sends through (every answer judged by the observers and
// by the driver's own expectation), its properties (fast-check, seeded per check, failures
// shrunk), and where each problem is recorded (under the id of the check it breaks).
import { signAuthorization } from '@solapi/credentials-client'
import type { Contract, Operation } from '@solapi/credentials-spec'
import fc from 'fast-check'
import { RunAborted, SafetyError } from '../errors.js'
import { describeExchange, type Exchange, jsonBody } from '../http/exchange.js'
import type { Masker } from '../report/mask.js'
import type { ServerClock } from '../target/clock.js'
import type { CreatedCredentials } from '../target/created.js'
import { isReadOperation } from '../target/scope.js'
import type { Algorithm, Sender, SigningKeys } from '../target/sender.js'
import { createBodies, KeyPool } from './bodies.js'
import { answers } from './expect.js'
import { type Finding, FindingsError } from './findings.js'
import type { ResultBook } from './results.js'
import type {
  DriverCheck,
  DriverContext,
  Expectation,
  ObserverCheck,
  ObserverEnv,
  OutgoingRequest,
} from './types.js'

export interface RunState {
  contract: Contract
  examples: number
  seed: number
  writes: boolean
  keys: SigningKeys
  clock: ServerClock
  edgeMarginMs: number
  operations: readonly Operation[]
  readOperations: readonly Operation[]
  algorithms: readonly Algorithm[]
  sender: Sender
  masker: Masker
  created: CreatedCredentials
  /** The account's keys when the run started (the signing key among them): never written to. */
  protectedKeys: ReadonlySet<string>
  observers: readonly ObserverCheck[]
  observerEnv: ObserverEnv
  book: ResultBook
  /** Learns from an answer: credentials created or deleted, secrets to mask. */
  learn(op: Operation, exchange: Exchange): void
  progress(checkId: string, done: number): void
}

/** The seed of one check: the run's seed mixed with the check's id (FNV-1a). */
export function checkSeed(runSeed: number, id: string): number {
  let hash = 0x811c9dc5
  for (const char of id) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193)
  return (runSeed ^ hash) >>> 1
}

/** Problems shown per failure; the rest are counted. */
const MAX_MESSAGES = 6

/** How often a property runs again after only observers failed (they are silent after that). */
const MAX_ROUNDS = 8

function messageOf(error: unknown): string {
  if (error instanceof SafetyError) {
    return `the kit refused to send a request: ${error.message} (a bug in the kit; nothing was sent)`
  }
  if (error instanceof Error) return error.message
  return String(error)
}

/** Counterexamples longer than this (a body over the size limit) are cut, after masking. */
const MAX_COUNTEREXAMPLE = 1000

function shorten(text: string): string {
  return text.length > MAX_COUNTEREXAMPLE
    ? `${text.slice(0, MAX_COUNTEREXAMPLE)} … (${text.length} characters in all)`
    : text
}

/** Records each finding under its check; returns whether the driver's own check failed. */
function record(
  state: RunState,
  driverId: string,
  findings: Finding[],
  details: { counterexample?: unknown; shrinks?: number; exchange?: Exchange | undefined },
): boolean {
  const { book, masker } = state
  const byCheck = new Map<string, string[]>()
  for (const { check: id, message } of findings) {
    byCheck.set(id, [...(byCheck.get(id) ?? []), message])
  }
  for (const [id, messages] of byCheck) {
    if (!book.has(id)) continue
    const shown = messages.slice(0, MAX_MESSAGES).map((m) => masker.mask(m))
    if (messages.length > MAX_MESSAGES) shown.push(`… and ${messages.length - MAX_MESSAGES} more`)
    book.fail(id, {
      messages: shown,
      ...(details.counterexample === undefined
        ? {}
        : { counterexample: shorten(masker.mask(fc.stringify(details.counterexample))) }),
      ...(details.shrinks === undefined ? {} : { shrinks: details.shrinks }),
      ...(details.exchange
        ? { exchange: describeExchange(details.exchange, (text) => masker.mask(text)) }
        : {}),
      foundBy: driverId,
      seed: state.seed,
      replay: `--seed ${state.seed} --only ${id === driverId ? id : `${driverId},${id}`}`,
    })
  }
  return byCheck.has(driverId)
}

/** The findings an error carries: its own, or one for the driver naming what went wrong. */
function findingsOf(driverId: string, error: unknown): Finding[] {
  return error instanceof FindingsError
    ? error.findings
    : [{ check: driverId, message: messageOf(error) }]
}

export function createDriverContext(state: RunState, check: DriverCheck): DriverContext {
  const { book, sender } = state
  const seed = checkSeed(state.seed, check.id)
  const decoder = new TextDecoder('utf-8', { fatal: false })

  /** Writes never reach a key the run did not create, and a read-only run sends none. */
  function guard(op: Operation, bytes: Uint8Array): void {
    if (isReadOperation(op)) return
    if (!state.writes) throw new SafetyError(`${op.operationId} writes, and this run is read-only`)
    const text = decoder.decode(bytes)
    for (const key of state.protectedKeys) {
      if (text.includes(key)) {
        throw new SafetyError(
          `${op.operationId} names ${key}, a credential this run did not create`,
        )
      }
    }
  }

  function observe(op: Operation, exchange: Exchange): Finding[] {
    const header = exchange.request.headers.authorization
    const parsed = header === undefined ? undefined : state.contract.parseAuthorization(header)
    // Only a signature of the algorithm's length is one a server could reuse; a short, broken
    // one (a fault the kit sent) may well stand in a Date header by chance.
    const signature =
      parsed?.ok && parsed.value.signature.length === parsed.value.rule.signatureHexLength
        ? parsed.value.signature
        : undefined
    const findings: Finding[] = []
    for (const observer of state.observers) {
      // An observer that failed already has its first counterexample: it judges no more.
      if (book.failed(observer.id)) continue
      book.count(observer.id)
      for (const message of observer.observe({ op, exchange, signature }, state.observerEnv)) {
        findings.push({ check: observer.id, message })
      }
    }
    return findings
  }

  let done = 0
  const advance = () => {
    if (done < state.examples) state.progress(check.id, ++done)
  }

  const context: DriverContext = {
    contract: state.contract,
    keys: state.keys,
    clock: state.clock,
    edgeMarginMs: state.edgeMarginMs,
    operations: state.operations,
    readOperations: state.readOperations,
    algorithms: state.algorithms,

    async bodies({ poolSize = 0 } = {}) {
      const size = state.writes ? poolSize : 0
      const pool =
        size > 0
          ? new KeyPool(size, async () => (await context.createCredential()).apiKey)
          : undefined
      await pool?.fill()
      return createBodies({ contract: state.contract, protectedKeys: state.protectedKeys, pool })
    },

    async send(op: Operation, request: OutgoingRequest, expect?: Expectation) {
      const bytes = request.bytes ?? jsonBody('json' in request ? request.json : {})
      guard(op, bytes)
      const exchange = await sender.sendBytes(op, bytes, {
        ...('contentType' in request ? { contentType: request.contentType } : {}),
        ...(request.authorization ? { authorization: request.authorization } : {}),
      })
      book.count(check.id)
      state.learn(op, exchange)
      const findings = observe(op, exchange)
      for (const message of expect?.(exchange) ?? []) findings.push({ check: check.id, message })
      if (findings.length > 0) throw new FindingsError(findings, exchange)
      return exchange
    },

    sign(input) {
      state.masker.add(input.apiSecret)
      return signAuthorization(input)
    },

    async createCredential() {
      const op = state.contract.operation('createCredential')
      const created = await context.send(op, { json: {} }, answers('createCredential', 200))
      const body = JSON.parse(created.response.text) as SigningKeys
      return { apiKey: body.apiKey, apiSecret: body.apiSecret }
    },

    async property(arbitrary, predicate, options = {}) {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const details = await fc.check(
          fc.asyncProperty(arbitrary, async (value) => {
            advance()
            await predicate(value)
          }),
          {
            numRuns: state.examples,
            seed,
            ...(options.examples ? { examples: options.examples.map((e) => [e]) } : {}),
          },
        )
        if (!details.failed) return
        const error = details.errorInstance
        if (error instanceof RunAborted) throw error
        const own = record(state, check.id, findingsOf(check.id, error), {
          counterexample: details.counterexample?.[0],
          shrinks: details.numShrinks,
          exchange: error instanceof FindingsError ? error.exchange : undefined,
        })
        if (own) return
        // Only observers failed: they have their counterexample and judge no more, so the
        // property runs again from the start to reach a verdict of its own.
      }
      book.skip(
        check.id,
        `no verdict in ${MAX_ROUNDS} rounds: its examples kept failing other checks`,
      )
    },

    fail(message: string, exchange?: Exchange): never {
      throw new FindingsError([{ check: check.id, message }], exchange)
    },
  }
  return context
}

/** Runs a driver to its verdict; a failure outside a property is recorded without an example. */
export async function runDriver(state: RunState, check: DriverCheck): Promise<void> {
  const { book } = state
  book.started(check.id)
  const context = createDriverContext(state, check)
  try {
    await check.run(context)
  } catch (error) {
    if (error instanceof RunAborted) {
      if (!book.failed(check.id)) book.skip(check.id, 'the run was stopped')
    } else {
      record(state, check.id, findingsOf(check.id, error), {
        exchange: error instanceof FindingsError ? error.exchange : undefined,
      })
    }
  } finally {
    book.ended(check.id)
  }
}
