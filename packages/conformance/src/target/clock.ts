// The server's clock, estimated as a real client would: from the `Date` header of its answers.
// The skew checks sign dates relative to it, so that a client clock that is a few seconds off
// does not turn "just inside the window" into "just outside".

export interface ClockSample {
  /** Local time (ms) just before the request was sent. */
  sentAt: number
  /** Local time (ms) when the response arrived. */
  receivedAt: number
  /** The response's `Date` header, if any. */
  date: string | null
}

export interface ServerClock {
  /** Server time minus local time, in ms. */
  offsetMs: number
  /** How far the estimate may be off, in ms: half a second of `Date` resolution plus latency. */
  uncertaintyMs: number
  /** Whether a `Date` header was read; without one the local clock stands in for the server's. */
  fromDateHeader: boolean
  /** Server time now, in ms since the epoch. */
  now(): number
}

/**
 * The estimate from the sample with the shortest round trip. `Date` has one-second resolution:
 * the server's clock read somewhere in [D, D + 1 s) while the request was in flight, so the
 * middle of both intervals is taken.
 */
export function estimateClock(
  samples: readonly ClockSample[],
  localNow: () => number = Date.now,
): ServerClock {
  const dated = samples
    .map((sample) => ({ ...sample, dateMs: sample.date ? Date.parse(sample.date) : Number.NaN }))
    .filter((sample) => !Number.isNaN(sample.dateMs))
    .sort((a, b) => a.receivedAt - a.sentAt - (b.receivedAt - b.sentAt))
  const best = dated[0]
  if (!best) {
    const roundTrips = samples.map((s) => s.receivedAt - s.sentAt)
    const uncertaintyMs = roundTrips.length > 0 ? Math.min(...roundTrips) : 0
    return { offsetMs: 0, uncertaintyMs, fromDateHeader: false, now: localNow }
  }
  const roundTrip = best.receivedAt - best.sentAt
  const offsetMs = Math.round(best.dateMs + 500 - (best.sentAt + best.receivedAt) / 2)
  return {
    offsetMs,
    uncertaintyMs: Math.ceil(500 + roundTrip / 2),
    fromDateHeader: true,
    now: () => localNow() + offsetMs,
  }
}

/**
 * How far past (or short of) the skew window a "just" outside (inside) date is: 5 s, plus twice
 * the uncertainty of the clock estimate, so that neither side can land on the wrong side.
 */
export function edgeMarginMs(clock: ServerClock): number {
  return 5000 + 2 * clock.uncertaintyMs
}
