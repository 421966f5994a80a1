import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ReplayLedger, replayCapacity } from '../../src/storage/replay-ledger.js'

const signature = () => randomBytes(32).toString('hex')
const NOW = 1_000_000_000_000
const WINDOW = 900_000
const A = 1
const B = 2

describe('ReplayLedger', () => {
  it('says fresh once and duplicate after, until the record expires', () => {
    const store = new ReplayLedger({ total: 1024, perAccount: 1024 })
    const sig = signature()
    expect(store.check(A, sig, NOW + WINDOW, NOW)).toBe('fresh')
    expect(store.check(A, sig, NOW + WINDOW, NOW + 1)).toBe('duplicate')
    expect(store.check(A, sig, NOW + WINDOW, NOW + WINDOW - 1)).toBe('duplicate')
    // Expired: recorded afresh (the skew check refuses such a date before it gets here).
    expect(store.check(A, sig, NOW + 2 * WINDOW, NOW + WINDOW)).toBe('fresh')
    expect(store.check(A, sig, NOW + 2 * WINDOW, NOW + WINDOW + 1)).toBe('duplicate')
    expect(store.size).toBe(1)
  })

  it("holds at most an account's share, refuses a new signature rather than forget one, and says when there is room", () => {
    const store = new ReplayLedger({ total: 64, perAccount: 8 })
    const seen: string[] = []
    for (let i = 0; i < 8; i++) {
      const sig = signature()
      expect(store.check(A, sig, NOW + WINDOW + i, NOW)).toBe('fresh')
      seen.push(sig)
    }
    for (let i = 0; i < 100; i++) {
      // The oldest record expires at NOW + WINDOW: that long from each attempt.
      expect(store.check(A, signature(), NOW + WINDOW, NOW + i)).toEqual({
        full: 'account',
        retryAfterMs: WINDOW - i,
      })
    }
    expect(store.size).toBe(8)
    // Every recorded signature is still refused as a replay while the share is full.
    for (const sig of seen) expect(store.check(A, sig, NOW + WINDOW, NOW + 100)).toBe('duplicate')
    // Another account has its own share.
    for (let i = 0; i < 8; i++) expect(store.check(B, signature(), NOW + WINDOW, NOW)).toBe('fresh')
    expect(store.size).toBe(16)
  })

  it('bounds all accounts together by the total, which says when there is room', () => {
    const store = new ReplayLedger({ total: 8, perAccount: 4 })
    for (const account of [A, B]) {
      for (let i = 0; i < 4; i++) {
        expect(store.check(account, signature(), NOW + WINDOW + account, NOW)).toBe('fresh')
      }
    }
    expect(store.check(3, signature(), NOW + WINDOW, NOW + 10)).toEqual({
      full: 'sandbox',
      retryAfterMs: WINDOW + A - 10,
    })
    // Once A's records expire, the sweep makes room for the third account.
    expect(store.check(3, signature(), NOW + 2 * WINDOW, NOW + WINDOW + A)).toBe('fresh')
    expect(store.size).toBe(5)
  })

  it('makes room once records expire, and forgets only the expired ones', () => {
    const store = new ReplayLedger({ total: 8, perAccount: 8 })
    const early = Array.from({ length: 4 }, signature)
    const late = Array.from({ length: 4 }, signature)
    for (const sig of early) expect(store.check(A, sig, NOW + WINDOW, NOW)).toBe('fresh')
    for (const sig of late) expect(store.check(A, sig, NOW + 2 * WINDOW, NOW)).toBe('fresh')
    expect(store.check(A, signature(), NOW + 2 * WINDOW, NOW + WINDOW - 1)).toEqual({
      full: 'account',
      retryAfterMs: 1,
    })

    const next = signature()
    expect(store.check(A, next, NOW + 2 * WINDOW, NOW + WINDOW)).toBe('fresh')
    expect(store.size).toBe(5)
    for (const sig of [...late, next]) {
      expect(store.check(A, sig, NOW + 2 * WINDOW, NOW + WINDOW + 1)).toBe('duplicate')
    }
  })

  it("never gives an account a share above the whole ledger's size", () => {
    expect(replayCapacity({ replayCapacity: 8 })).toEqual({ total: 8, perAccount: 8 })
    expect(replayCapacity({})).toEqual({ total: 262_144, perAccount: 16_384 })
    expect(replayCapacity({ replayCapacity: 100, replayCapacityPerAccount: 10 })).toEqual({
      total: 100,
      perAccount: 10,
    })
  })
})
