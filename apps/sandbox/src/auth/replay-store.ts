/**
 * Remembers every accepted signature until its date can no longer pass the skew check
 * (date + replay window), in a fixed amount of memory allocated up front.
 *
 * A set-associative table: a signature's 64-bit fingerprint picks a bucket of WAYS slots.
 * When a bucket is full of live records, the one that expires first is evicted and that
 * bucket's "watermark" rises to its expiry. A request that maps to the bucket and whose own
 * expiry is at or below the watermark can no longer be proven fresh (its twin may be the one
 * evicted; a replay has the same fingerprint, so it maps to the same bucket), so it is refused.
 * Under overload the cache refuses old-dated requests instead of ever accepting a replay, and
 * a bucket that overflows by chance affects only the requests that map to it.
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
  /** Per bucket: the latest expiry evicted from it. */
  private readonly watermarks: Float64Array
  private evictions = 0

  constructor(capacity: number) {
    const buckets = 2 ** Math.max(0, Math.ceil(Math.log2(Math.max(1, capacity) / WAYS)))
    this.capacity = buckets * WAYS
    this.bucketMask = buckets - 1
    this.fingerprintHigh = new Uint32Array(this.capacity)
    this.fingerprintLow = new Uint32Array(this.capacity)
    this.expiresAt = new Float64Array(this.capacity)
    this.watermarks = new Float64Array(buckets)
    // Touch every page now so that resident memory does not creep up as the table fills.
    for (const array of [
      this.fingerprintHigh,
      this.fingerprintLow,
      this.expiresAt,
      this.watermarks,
    ]) {
      array.fill(1).fill(0)
    }
  }

  /** Records evicted while still live, since start (a sign the capacity is too small). */
  get evicted(): number {
    return this.evictions
  }

  /**
   * Records `signatureHex` (already verified, lower-case hex of at least 16 digits) unless it
   * is a replay. `expiresAtMs` is the request date plus the replay window.
   */
  check(signatureHex: string, expiresAtMs: number, nowMs: number): ReplayVerdict {
    const high = Number.parseInt(signatureHex.slice(0, 8), 16) >>> 0
    const low = Number.parseInt(signatureHex.slice(8, 16), 16) >>> 0
    const bucket = low & this.bucketMask
    if (expiresAtMs <= (this.watermarks[bucket] ?? 0)) return 'unverifiable'
    const start = bucket * WAYS
    let free = -1
    let earliest = -1
    for (let slot = start; slot < start + WAYS; slot++) {
      const expiry = this.expiresAt[slot] ?? 0
      if (expiry <= nowMs) {
        if (free === -1) free = slot
        continue
      }
      if (this.fingerprintHigh[slot] === high && this.fingerprintLow[slot] === low) {
        return 'duplicate'
      }
      if (earliest === -1 || expiry < (this.expiresAt[earliest] ?? 0)) earliest = slot
    }
    let slot = free
    if (slot === -1) {
      slot = earliest
      this.evictions++
      this.watermarks[bucket] = Math.max(this.watermarks[bucket] ?? 0, this.expiresAt[slot] ?? 0)
    }
    this.fingerprintHigh[slot] = high
    this.fingerprintLow[slot] = low
    this.expiresAt[slot] = expiresAtMs
    return 'fresh'
  }
}
