// What a check is. Observers judge every answer the run gets (its status, content type, schema,
// error codes, leaks); drivers send requests of their own (valid, invalid, badly signed, a
// lifecycle) and judge what they expect of each answer. Each has a stable id used in reports.
import type { Contract, Operation } from '@solapi/credentials-spec'
import type fc from 'fast-check'
import type { SigningInput } from '../arbitraries/authorization.js'
import type { Exchange } from '../http/exchange.js'
import type { ServerClock } from '../target/clock.js'
import type { Algorithm, AuthorizationChoice, SigningKeys } from '../target/sender.js'
import type { Bodies } from './bodies.js'

export type Group = 'response' | 'leak' | 'valid' | 'invalid' | 'auth' | 'lifecycle'

/** The order groups are run and reported in. */
export const GROUPS: readonly Group[] = [
  'response',
  'leak',
  'valid',
  'invalid',
  'auth',
  'lifecycle',
]

export interface CheckInfo {
  /** Stable and dotted: `<group>.<name>`. */
  id: string
  group: Group
  /** What the check holds the server to, in one line. */
  title: string
  /** Whether the check writes (creates, changes or deletes credentials): not run read-only. */
  writes: boolean
}

export interface Observation {
  op: Operation
  exchange: Exchange
  /** The signature of the request's Authorization header, when it had one that parses. */
  signature: string | undefined
}

export interface ObserverEnv {
  contract: Contract
  /** Every secret the run knows (its own, those it created or read, those it signed with). */
  secrets: ReadonlySet<string>
  /** Whether the spec documents a secret (an ApiSecret) in this operation's answer. */
  documentsSecret(op: Operation, status: number): boolean
}

export interface ObserverCheck extends CheckInfo {
  kind: 'observer'
  /** The problems of one answer, one message each; none when it passes. */
  observe(observation: Observation, env: ObserverEnv): string[]
}

export interface DriverCheck extends CheckInfo {
  kind: 'driver'
  run(ctx: DriverContext): Promise<void>
}

export type Check = ObserverCheck | DriverCheck

/** Judges one answer for the driver that sent it: the problems, none when it is as expected. */
export type Expectation = (exchange: Exchange) => string[]

export interface OutgoingRequest {
  /** A JSON value to send, or raw bytes. */
  json?: unknown
  bytes?: Uint8Array
  /** `undefined` sends no Content-Type. @default 'application/json' */
  contentType?: string | undefined
  /** @default signed with the run's credential */
  authorization?: AuthorizationChoice
}

export interface DriverContext {
  readonly contract: Contract
  /** The credential the run signs with. It is never deactivated or deleted. */
  readonly keys: SigningKeys
  readonly clock: ServerClock
  /** How far past or short of the skew window a "just" outside or inside date is. */
  readonly edgeMarginMs: number
  /** The operations this run may send signed, valid requests to. */
  readonly operations: readonly Operation[]
  /** getCredentialInfo and getCredentialList: safe to succeed in any run. */
  readonly readOperations: readonly Operation[]
  readonly algorithms: readonly Algorithm[]
  /** Body arbitraries that name only keys safe for this run; `poolSize` keys are created first. */
  bodies(options?: { poolSize?: number }): Promise<Bodies>
  /** Sends one request; every observer and `expect` judge the answer, and any problem throws. */
  send(op: Operation, request: OutgoingRequest, expect?: Expectation): Promise<Exchange>
  /** Signs like the client's signAuthorization; the secret is masked in every report. */
  sign(input: SigningInput): string
  /** Creates a credential (registered for deletion at the end) and returns its keys. */
  createCredential(): Promise<SigningKeys>
  /** Runs the property for `examples` examples (plus the given ones), shrinking a failure. */
  property<T>(
    arbitrary: fc.Arbitrary<T>,
    predicate: (value: T) => Promise<void>,
    options?: { examples?: T[] },
  ): Promise<void>
  /** Fails the check with this message (and the answer that shows it). */
  fail(message: string, exchange?: Exchange): never
}
