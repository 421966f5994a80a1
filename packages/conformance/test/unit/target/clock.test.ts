import { describe, expect, it } from 'vitest'
import { edgeMarginMs, estimateClock } from '../../../src/target/clock.js'

const at = (iso: string) => Date.parse(iso)

describe('estimateClock', () => {
  it("reads the server's offset from the Date header of the fastest answer", () => {
    // The server is 30 s ahead: its Date says 12:00:30 while the local clock reads 12:00:00.1.
    const clock = estimateClock(
      [
        {
          sentAt: at('2026-12-01T12:00:00.000Z'),
          receivedAt: at('2026-12-01T12:00:00.900Z'),
          date: 'Tue, 01 Dec 2026 12:00:30 GMT',
        },
        {
          sentAt: at('2026-12-01T12:00:01.000Z'),
          receivedAt: at('2026-12-01T12:00:01.010Z'),
          date: 'Tue, 01 Dec 2026 12:00:31 GMT',
        },
      ],
      () => at('2026-12-01T12:00:02.000Z'),
    )
    expect(clock.fromDateHeader).toBe(true)
    // 12:00:31.5 (the middle of the Date second) against 12:00:01.005 (the middle of the trip).
    expect(clock.offsetMs).toBe(30_495)
    expect(clock.uncertaintyMs).toBe(505)
    expect(clock.now()).toBe(at('2026-12-01T12:00:32.495Z'))
  })

  it('takes the local clock when no answer has a Date header', () => {
    const clock = estimateClock([{ sentAt: 0, receivedAt: 12, date: null }], () => 1000)
    expect([clock.fromDateHeader, clock.offsetMs, clock.now()]).toEqual([false, 0, 1000])
  })

  it('puts "just" 5 s plus twice the uncertainty past the edge', () => {
    const clock = estimateClock([{ sentAt: 0, receivedAt: 2, date: new Date(0).toUTCString() }])
    expect(edgeMarginMs(clock)).toBe(5000 + 2 * 501)
  })
})
