import { credentialsContract } from '@solapi/credentials-spec'
import type { MiddlewareHandler } from 'hono'
import type { OperationId } from '../domain/api-types.js'
import { type Env, errorAnswer, summarize } from './context.js'
import { validatedBody } from './validated-body.js'

/**
 * An operation's request body: JSON of at most the spec's `maxRequestBodyBytes`, valid against the
 * operation's request schema (400 ValidationError naming each field and rule otherwise).
 */
export function operationBody(operation: OperationId): MiddlewareHandler<Env> {
  return validatedBody({
    maxBytes: credentialsContract.limits.maxRequestBodyBytes,
    errors: (value) => credentialsContract.validator().request(operation, value).errors,
    invalid: (c, errors) =>
      errorAnswer(
        c,
        400,
        'ValidationError',
        `Request body is invalid: ${summarize(errors)}`,
        errors,
      ),
  })
}
