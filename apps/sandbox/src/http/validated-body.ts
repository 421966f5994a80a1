// The request body both APIs take: JSON of at most `maxBytes`, checked against its operation's
// schema before the route runs, which finds it as `c.get('body')`.
import type { FieldError } from '@solapi/credentials-spec'
import type { Context, MiddlewareHandler } from 'hono'
import { type Env, errorAnswer } from './context.js'
import { readJsonBody } from './json-body.js'

export interface BodyCheck {
  maxBytes: number
  /** An absent body is `{}`. */
  optional?: boolean
  /** What is wrong with the body by its schema; none when valid. */
  errors(body: unknown): FieldError[]
  /** The answer to a body with errors: 400 in the API's error shape, naming each field and rule. */
  invalid(c: Context<Env>, errors: FieldError[]): Response
}

export function validatedBody(check: BodyCheck): MiddlewareHandler<Env> {
  return async (c, next) => {
    const read = await readJsonBody(c.req.raw, {
      maxBytes: check.maxBytes,
      ...(check.optional ? { optional: true } : {}),
    })
    if (!read.ok) return errorAnswer(c, read.status, read.errorCode, read.errorMessage)
    const errors = check.errors(read.body)
    if (errors.length > 0) return check.invalid(c, errors)
    c.set('body', read.body)
    await next()
  }
}
