import type { MiddlewareHandler } from 'hono'
import type { Env } from './context.js'

/**
 * Middleware for every operation of the two APIs: reads what the store holds for the control API
 * when the request arrives. It adopts the clock setting (then the skew check, the `Date` header
 * and the journal use it: clock-header.ts) and notes whether any fault rule applies. On PostgreSQL every instance reads the same
 * rows, so a test that steers one instance steers whichever answers. A database that does not
 * answer throws here, and the request gets its 503.
 */
export function readControlState(parts: {
  refresh: () => Promise<{ faulty: boolean }>
  now: () => number
}): MiddlewareHandler<Env> {
  return async (c, next) => {
    const { faulty } = await parts.refresh()
    c.set('faulty', faulty)
    c.set('arrived', parts.now())
    await next()
  }
}
