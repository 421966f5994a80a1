import type { Handler } from 'hono'
import { type Env, errorAnswer } from './context.js'

/** The answer on a known path to a method it does not take: 405 naming, in `Allow`, those it does. */
export function methodNotAllowed(path: string, allowed: readonly string[]): Handler<Env> {
  return (c) => {
    c.header('Allow', allowed.join(', '))
    return errorAnswer(
      c,
      405,
      'MethodNotAllowed',
      `${c.req.method} is not allowed on ${path}; use ${allowed.join(' or ')}.`,
    )
  }
}
