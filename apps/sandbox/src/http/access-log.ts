import type { MiddlewareHandler } from 'hono'
import type { Logger } from '../domain/logger.js'
import type { Env } from './context.js'
import { operationOf } from './routes.js'

/** One log line per answered request (status 0 when a fault dropped it); never a header or body. */
export function accessLog(logger: Logger, dropped: WeakSet<Request>): MiddlewareHandler<Env> {
  return async (c, next) => {
    const started = performance.now()
    await next()
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      operation: operationOf(c.req.path) ?? null,
      status: dropped.has(c.req.raw) ? 0 : c.res.status,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
    })
  }
}
