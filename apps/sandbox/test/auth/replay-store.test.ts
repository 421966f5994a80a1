import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ReplayCache } from '../../src/auth/replay-cache.js'

const signature = () => randomBytes(32).toString('hex')
const NOW = 1_000_000_000_000
const WINDOW = 900_000

describe('ReplayCache', () => {
  it('says fresh once and duplicate after, until the record expires', () => {
    const cache = new ReplayCache(1024)
    const sig = signature()
    expect(cache.check(sig, NOW + WINDOW, NOW)).toBe('fresh')
    expect(cache.check(sig, NOW + WINDOW, NOW + 1)).toBe('duplicate')
    expect(cache.check(sig, NOW + WINDOW, NOW + WINDOW - 1)).toBe('duplicate')
    // Expired: the slot is reusable (the skew check refuses such a date before it gets here).
    expect(cache.check(sig, NOW + 2 * WINDOW, NOW + WINDOW)).toBe('fresh')
  })

  it('keeps memory fixed: capacity is allocated up front and rounded to whole buckets', () => {
    expect(new ReplayCache(1000).capacity).toBe(1024)
    expect(new ReplayCache(8).capacity).toBe(8)
  })

  it('never accepts a replay of an evicted signature when full: it refuses old dates instead', () => {
    const cache = new ReplayCache(16)
    const seen: { sig: string; expiry: number }[] = []
    for (let i = 0; i < 500; i++) {
      const sig = signature()
      const expiry = NOW + WINDOW + i
      expect(cache.check(sig, expiry, NOW + i)).toBe('fresh')
      seen.push({ sig, expiry })
    }
    expect(cache.evicted).toBeGreaterThan(0)
    for (const { sig, expiry } of seen) {
      expect(['duplicate', 'unverifiable']).toContain(cache.check(sig, expiry, NOW + 500))
    }
    // A request dated after everything evicted is still judged normally.
    expect(cache.check(signature(), NOW + WINDOW + 10_000, NOW + 500)).toBe('fresh')
  })

  it('confines a chance overflow to its bucket: same-dated signatures elsewhere stay fresh', () => {
    const cache = new ReplayCache(1024) // 128 buckets of 8
    const expiry = NOW + WINDOW
    // Nine signatures in bucket 0 (fingerprint low bits 0): the ninth evicts one.
    const inBucket = (n: number) =>
      `${randomBytes(4).toString('hex')}${(n * 128).toString(16).padStart(8, '0')}${'0'.repeat(48)}`
    for (let n = 0; n < 9; n++) expect(cache.check(inBucket(n), expiry, NOW)).toBe('fresh')
    expect(cache.evicted).toBe(1)
    expect(cache.check(inBucket(9), expiry, NOW)).toBe('unverifiable')
    for (let i = 0; i < 50; i++) {
      const other = `${randomBytes(4).toString('hex')}${(i * 128 + 1 + (i % 127)).toString(16).padStart(8, '0')}${'0'.repeat(48)}`
      expect(cache.check(other, expiry, NOW)).toBe('fresh')
    }
  })
})
