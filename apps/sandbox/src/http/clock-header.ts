import type { MiddlewareHandler } from 'hono'
import type { Env } from './context.js'

/**
 * Sets every answer's `Date`, once, by the sandbox clock, so that a client can correct its own
 * skew by it: the instant the request arrived by the clock setting the store holds
 * (read-control-state.ts sets it as `arrived`), or, for a request that never reads it (health,
 * an unknown path, a refused control token), this process's copy when it arrived.
 */
export function clockHeader(now: () => number): MiddlewareHandler<Env> {
  return async (c, next) => {
    const arrivedByCopy = now()
    await next()
    c.header('Date', new Date(c.get('arrived') ?? arrivedByCopy).toUTCString())
  }
}
