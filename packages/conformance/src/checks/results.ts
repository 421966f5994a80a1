// What each check came to: passed, failed (with its first counterexample, shrunk and masked) or
// skipped (with the reason), and how many requests it sent or answers it judged.
import type { CheckInfo } from './types.js'

export type CheckStatus = 'passed' | 'failed' | 'skipped'

export interface CheckFailure {
  /** What is wrong, one line each. */
  messages: string[]
  /** The shrunk example that shows it, masked (absent for a check that needs no example). */
  counterexample?: string
  /** How many times fast-check shrank the example. */
  shrinks?: number
  /** The request and the response that show it, masked. */
  exchange?: string
  /** The check whose requests found it (itself, or the driver an observer was judging). */
  foundBy: string
  /** The run's seed. */
  seed: number
  /** The options that replay it: the seed, and the checks that found and judged it. */
  replay: string
}

export interface CheckResult extends CheckInfo {
  status: CheckStatus
  /** Requests the check sent (drivers) or answers it judged (observers). */
  requests: number
  durationMs: number
  /** Why the check did not run. */
  skipped?: string
  failure?: CheckFailure
}

interface Entry {
  info: CheckInfo
  requests: number
  startedAt?: number
  endedAt?: number
  skipped?: string
  failure?: CheckFailure
}

export class ResultBook {
  readonly #entries = new Map<string, Entry>()

  constructor(checks: readonly CheckInfo[]) {
    for (const info of checks) this.#entries.set(info.id, { info, requests: 0 })
  }

  #entry(id: string): Entry {
    const entry = this.#entries.get(id)
    if (!entry) throw new Error(`No check ${id} in this run`)
    return entry
  }

  has(id: string): boolean {
    return this.#entries.has(id)
  }

  count(id: string): void {
    this.#entry(id).requests++
  }

  started(id: string, at = performance.now()): void {
    this.#entry(id).startedAt = at
  }

  ended(id: string, at = performance.now()): void {
    this.#entry(id).endedAt = at
  }

  failed(id: string): boolean {
    return this.#entries.get(id)?.failure !== undefined
  }

  /** Records the first failure of a check; later ones are dropped. Returns whether it was new. */
  fail(id: string, failure: CheckFailure): boolean {
    const entry = this.#entry(id)
    if (entry.failure) return false
    entry.failure = failure
    return true
  }

  skip(id: string, reason: string): void {
    this.#entry(id).skipped = reason
  }

  result(id: string): CheckResult {
    const { info, requests, startedAt, endedAt, skipped, failure } = this.#entry(id)
    const durationMs =
      startedAt !== undefined && endedAt !== undefined ? Math.round(endedAt - startedAt) : 0
    const status = failure ? 'failed' : skipped !== undefined ? 'skipped' : 'passed'
    return {
      ...info,
      status,
      requests,
      durationMs,
      ...(skipped !== undefined && !failure ? { skipped } : {}),
      ...(failure ? { failure } : {}),
    }
  }

  results(): CheckResult[] {
    return [...this.#entries.keys()].map((id) => this.result(id))
  }
}
