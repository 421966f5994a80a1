// The six operations of the Credentials API. Each request is checked in this order, and the
// first failure answers: Authorization (401/403) -> fault rules (see the control API) ->
// Content-Type (415) -> size (413) -> JSON (400 InvalidJSON) -> schema (400 ValidationError)
// -> business rules (404/409). Nothing before the business rules writes. Each step is one named
// middleware; this file is the table that puts them in that order.
import type { Hono, MiddlewareHandler } from 'hono'
import type { OperationId, RequestBody } from '../domain/api-types.js'
import type { Handlers } from '../domain/handlers.js'
import type { Env } from './context.js'
import { type FaultParts, faultInjection } from './fault-injection.js'
import { methodNotAllowed } from './method-not-allowed.js'
import { operationBody } from './operation-body.js'
import { ROUTES, type RoutePath } from './routes.js'
import { type Authenticate, signedRequest, signerOf } from './signed-request.js'

export interface CredentialsApiParts extends FaultParts {
  authenticate: Authenticate
  handlers: Handlers
  /** Reads the clock setting and whether faults apply (read-control-state.ts). */
  controlState: MiddlewareHandler<Env>
}

export function addCredentialsApi(app: Hono<Env>, parts: CredentialsApiParts): void {
  const signed = signedRequest(parts.authenticate)
  for (const [path, operation] of Object.entries(ROUTES) as [RoutePath, OperationId][]) {
    app.post(
      path,
      parts.controlState,
      signed,
      faultInjection(operation, parts),
      operationBody(operation),
      async (c) => {
        const reply = await dispatch(
          parts.handlers,
          operation,
          c.get('body'),
          signerOf(c.get('signed')),
        )
        if (reply.status !== 200) c.set('errorCode', errorCodeOf(reply.body))
        return c.json(reply.body, reply.status)
      },
    )
    app.all(path, methodNotAllowed(path, ['POST']))
  }
}

/** Correlates the operation with its handler; the handler map itself is checked per operation. */
function dispatch<Op extends OperationId>(
  handlers: Handlers,
  operation: Op,
  body: unknown,
  account: number,
) {
  const handler = handlers[operation] as (
    b: RequestBody<Op>,
    account: number,
  ) => Promise<{ status: 200 | 404 | 409; body: object }>
  return handler(body as RequestBody<Op>, account)
}

function errorCodeOf(body: object): string {
  const { errorCode, resultCode } = body as { errorCode?: string; resultCode?: string }
  return errorCode ?? resultCode ?? 'UnexpectedResponse'
}
