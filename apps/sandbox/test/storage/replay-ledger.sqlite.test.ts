import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ReplayLedger } from '../../src/storage/replay-ledger.js'

const signature = () => randomBytes(32).toString('hex')
const NOW = 1_000_000_000_000
const WINDOW = 900_000

describe('ReplayLedger', () => {
  it('says fresh once and duplicate after, until the record expires', () => {
    const store = new ReplayLedger(1024)
    const sig = signature()
    expect(store.check(sig, NOW + WINDOW, NOW)).toBe('fresh')
    expect(store.check(sig, NOW + WINDOW, NOW + 1)).toBe('duplicate')
    expect(store.check(sig, NOW + WINDOW, NOW + WINDOW - 1)).toBe('duplicate')
    // Expired: recorded afresh (the skew check refuses such a date before it gets here).
    expect(store.check(sig, NOW + 2 * WINDOW, NOW + WINDOW)).toBe('fresh')
    expect(store.check(sig, NOW + 2 * WINDOW, NOW + WINDOW + 1)).toBe('duplicate')
  })

  it('holds at most its capacity, and refuses a new signature rather than forget one', () => {
    const store = new ReplayLedger(8)
    const seen: string[] = []
    for (let i = 0; i < 8; i++) {
      const sig = signature()
      expect(store.check(sig, NOW + WINDOW + i, NOW)).toBe('fresh')
      seen.push(sig)
    }
    for (let i = 0; i < 100; i++)
      expect(store.check(signature(), NOW + WINDOW, NOW + i)).toBe('full')
    expect(store.size).toBe(8)
    // Every recorded signature is still refused as a replay while the store is full.
    for (const sig of seen) expect(store.check(sig, NOW + WINDOW, NOW + 100)).toBe('duplicate')
  })

  it('makes room once records expire, and forgets only the expired ones', () => {
    const store = new ReplayLedger(8)
    const early = Array.from({ length: 4 }, signature)
    const late = Array.from({ length: 4 }, signature)
    for (const sig of early) expect(store.check(sig, NOW + WINDOW, NOW)).toBe('fresh')
    for (const sig of late) expect(store.check(sig, NOW + 2 * WINDOW, NOW)).toBe('fresh')
    expect(store.check(signature(), NOW + 2 * WINDOW, NOW + WINDOW - 1)).toBe('full')

    const next = signature()
    expect(store.check(next, NOW + 2 * WINDOW, NOW + WINDOW)).toBe('fresh')
    expect(store.size).toBe(5)
    for (const sig of [...late, next]) {
      expect(store.check(sig, NOW + 2 * WINDOW, NOW + WINDOW + 1)).toBe('duplicate')
    }
  })
})
