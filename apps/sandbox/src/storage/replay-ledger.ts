import type { ReplayVerdict } from './storage.js'

/** How many signatures the ledger holds unless SANDBOX_REPLAY_CAPACITY says otherwise. */
export const DEFAULT_REPLAY_CAPACITY = 262_144

/**
 * The replay ledger of a store that one process owns (SQLite), kept in memory: a restart
 * forgets it, as it forgets nothing else that matters, since a signature is only ever live for
 * the replay window. Remembers each accepted signature until it expires: its date plus the
 * replay window, after which the skew check refuses that date anyway. At most `capacity`
 * signatures are held, so memory is bounded. A signature that could not be recorded could be
 * replayed unnoticed, so when every place holds a live signature a new one is refused ('full')
 * instead of accepted.
 */
export class ReplayLedger {
  private readonly expiries = new Map<string, number>()
  /** No record expires before this; a full ledger is not swept again until then. */
  private earliestExpiry = Number.POSITIVE_INFINITY

  constructor(readonly capacity: number) {}

  /** Signatures held, expired ones included until the next sweep. */
  get size(): number {
    return this.expiries.size
  }

  /** Records `signature` (already verified) unless it is a replay. Times in ms since the epoch. */
  check(signature: string, expiresAtMs: number, nowMs: number): ReplayVerdict {
    if ((this.expiries.get(signature) ?? 0) > nowMs) return 'duplicate'
    if (this.expiries.size >= this.capacity && nowMs >= this.earliestExpiry) this.sweep(nowMs)
    if (this.expiries.size >= this.capacity) return 'full'
    this.expiries.set(signature, expiresAtMs)
    this.earliestExpiry = Math.min(this.earliestExpiry, expiresAtMs)
    return 'fresh'
  }

  clear(): void {
    this.expiries.clear()
    this.earliestExpiry = Number.POSITIVE_INFINITY
  }

  private sweep(nowMs: number): void {
    this.earliestExpiry = Number.POSITIVE_INFINITY
    for (const [signature, expiry] of this.expiries) {
      if (expiry <= nowMs) this.expiries.delete(signature)
      else this.earliestExpiry = Math.min(this.earliestExpiry, expiry)
    }
  }
}
