// Request bodies for a run, generated from the spec's request schemas, that can only name keys
// the run may touch: reads may name any key of the account (a read changes nothing); writes
// name only keys this run created (its pool) or keys that do not exist.
import type { Contract, Operation, Schema } from '@solapi/credentials-spec'
import fc from 'fast-check'
import { type InvalidBody, invalidArbitrary } from '../arbitraries/invalid.js'
import {
  type RawRequestBody,
  type TransportFault,
  transportFaultArbitrary,
} from '../arbitraries/transport.js'
import { type ValidArbitraryOptions, validArbitrary } from '../arbitraries/valid.js'
import { isReadOperation } from '../target/scope.js'

/** Where the spec's request schemas name an API key. */
export const API_KEY_REF = '#/components/schemas/ApiKey'

/** Keys created for a check, so that its valid writes reach real credentials (and succeed). */
export class KeyPool {
  readonly #keys: string[] = []
  readonly #create: () => Promise<string>
  readonly size: number

  constructor(size: number, create: () => Promise<string>) {
    this.size = size
    this.#create = create
  }

  async fill(): Promise<void> {
    while (this.#keys.length < this.size) this.#keys.push(await this.#create())
  }

  key(index: number): string {
    return this.#keys[index % this.#keys.length] as string
  }

  has(apiKey: string): boolean {
    return this.#keys.includes(apiKey)
  }

  /** Puts a fresh key in the place of one that was deleted. */
  async replace(apiKey: string): Promise<void> {
    const index = this.#keys.indexOf(apiKey)
    if (index !== -1) this.#keys[index] = await this.#create()
  }
}

export interface GeneratedRequest<T> {
  operationId: string
  value: T
}

export interface BodiesSetup {
  contract: Contract
  /** Keys of the account when the run started, the run's own included: never written to. */
  protectedKeys: ReadonlySet<string>
  pool: KeyPool | undefined
}

export function requestSchema(op: Operation): Schema {
  const schema = op.requestBody?.content['application/json']?.schema
  if (schema === undefined)
    throw new Error(`${op.operationId} takes no JSON body: the kit needs one`)
  return schema
}

export function createBodies({ contract, protectedKeys, pool }: BodiesSetup) {
  const unknownKey = fc
    .stringMatching(contract.limits.apiKey.pattern)
    .filter((key) => !protectedKeys.has(key) && !pool?.has(key))
  const poolKey = pool && fc.nat({ max: pool.size - 1 }).map((index) => pool.key(index))
  const accountKeys = [...protectedKeys]
  const knownKey = fc.oneof(
    ...(accountKeys.length > 0 ? [fc.constantFrom(...accountKeys)] : []),
    ...(poolKey ? [poolKey] : []),
  )

  function options(op: Operation): ValidArbitraryOptions {
    if (isReadOperation(op)) {
      return { refValues: { [API_KEY_REF]: knownKey } }
    }
    const writable = poolKey
      ? fc.oneof({ arbitrary: poolKey, weight: 3 }, { arbitrary: unknownKey, weight: 1 })
      : unknownKey
    return { refOverrides: { [API_KEY_REF]: writable } }
  }

  const cache = new Map<string, fc.Arbitrary<unknown>>()
  const valid = (op: Operation): fc.Arbitrary<unknown> => {
    let arbitrary = cache.get(op.operationId)
    if (!arbitrary) {
      arbitrary = validArbitrary(contract.document, requestSchema(op), options(op))
      cache.set(op.operationId, arbitrary)
    }
    return arbitrary
  }

  /** A request for one of `ops`, drawn with `per(op)`: printed with the operation's id. */
  function across<T>(
    ops: readonly Operation[],
    per: (op: Operation) => fc.Arbitrary<T>,
  ): fc.Arbitrary<GeneratedRequest<T>> {
    if (ops.length === 0) throw new Error('No operation to send to')
    return fc
      .constantFrom(...ops)
      .chain((op) => per(op).map((value) => ({ operationId: op.operationId, value })))
  }

  return {
    pool,
    valid,
    invalid: (op: Operation): fc.Arbitrary<InvalidBody> =>
      invalidArbitrary(contract.document, requestSchema(op), options(op)),
    transport: (op: Operation, kinds: readonly TransportFault[]): fc.Arbitrary<RawRequestBody> =>
      transportFaultArbitrary(valid(op), kinds),
    across,
  }
}

export type Bodies = ReturnType<typeof createBodies>
