/**
 * Remembers every accepted signature until its date can no longer pass the skew check
 * (date + replay window), in a fixed amount of memory allocated up front.
 *
 * A set-associative table: a signature's 64-bit fingerprint picks a bucket of WAYS slots.
 * When a bucket is full of live records, the one that expires first is evicted and the
 * "watermark" rises to its expiry. A request whose own expiry is at or below the watermark
 * can no longer be proven fresh (its twin may have been evicted), so it is refused: under
 * overload the cache refuses old-dated requests instead of ever accepting a replay.
 */
export type ReplayVerdict = 'fresh' | 'duplicate' | 'unverifiable'

const WAYS = 8

export class ReplayCache {
  readonly capacity: number
  private readonly bucketMask: number
  private readonly fingerprintHigh: Uint32Array
  private readonly fingerprintLow: Uint32Array
  /** Milliseconds since the epoch; 0 marks an empty slot. */
  private readonly expiresAt: Float64Array
  private watermarkMs = 0

  constructor(capacity: number) {
    const buckets = 2 ** Math.max(0, Math.ceil(Math.log2(Math.max(1, capacity) / WAYS)))
    this.capacity = buckets * WAYS
    this.bucketMask = buckets - 1
    this.fingerprintHigh = new Uint32Array(this.capacity)
    this.fingerprintLow = new Uint32Array(this.capacity)
    this.expiresAt = new Float64Array(this.capacity)
    // Touch every page now so that resident memory does not creep up as the table fills.
    this.fingerprintHigh.fill(1).fill(0)
    this.fingerprintLow.fill(1).fill(0)
    this.expiresAt.fill(1).fill(0)
  }

  /** The latest expiry evicted so far; requests expiring at or before it are refused. */
  get watermark(): number {
    return this.watermarkMs
  }

  /**
   * Records `signatureHex` (already verified) unless it is a replay.
   * `expiresAtMs` is the request date plus the replay window.
   */
  check(signatureHex: string, expiresAtMs: number, nowMs: number): ReplayVerdict {
    if (expiresAtMs <= this.watermarkMs) return 'unverifiable'
    const high = Number.parseInt(signatureHex.slice(0, 8), 16) >>> 0
    const low = Number.parseInt(signatureHex.slice(8, 16), 16) >>> 0
    const start = (low & this.bucketMask) * WAYS
    let free = -1
    let earliest = start
    for (let slot = start; slot < start + WAYS; slot++) {
      const expiry = this.expiresAt[slot] ?? 0
      if (expiry <= nowMs) {
        if (free === -1) free = slot
        continue
      }
      if (this.fingerprintHigh[slot] === high && this.fingerprintLow[slot] === low) {
        return 'duplicate'
      }
      if (expiry < (this.expiresAt[earliest] ?? 0)) earliest = slot
    }
    let slot = free
    if (slot === -1) {
      slot = earliest
      this.watermarkMs = Math.max(this.watermarkMs, this.expiresAt[slot] ?? 0)
    }
    this.fingerprintHigh[slot] = high
    this.fingerprintLow[slot] = low
    this.expiresAt[slot] = expiresAtMs
    return 'fresh'
  }
}
