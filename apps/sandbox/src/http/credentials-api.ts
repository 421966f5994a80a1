// The six operations of the Credentials API. Each request is checked in this order, and the
// first failure answers: Authorization (401/403) -> fault rules (see the control API) ->
// Content-Type (415) -> size (413) -> JSON (400 InvalidJSON) -> schema (400 ValidationError)
// -> business rules (404/409). Nothing before the business rules writes.
import { credentialsContract } from '@solapi/credentials-spec'
import type { Hono, MiddlewareHandler } from 'hono'
import type { OperationId, RequestBody } from '../domain/api-types.js'
import type { createAuthenticator } from '../domain/auth/authenticator.js'
import type { Handlers } from '../domain/handlers.js'
import type { Storage } from '../domain/storage.js'
import { type Env, errorAnswer, summarize } from './context.js'
import { operationOf, ROUTES, type RoutePath } from './routes.js'
import { validatedBody } from './validated-body.js'

/** The spec's errorCode for each status a fault may answer with. */
const FAULT_ANSWERS = {
  429: ['TooManyRequests', 'Too many requests'],
  500: ['InternalError', 'Internal error'],
  502: ['BadGateway', 'The upstream server gave an invalid answer'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable'],
  504: ['GatewayTimeout', 'The upstream server did not answer in time'],
} as const

export interface CredentialsApiParts {
  authenticate: ReturnType<typeof createAuthenticator>
  handlers: Handlers
  /** Where the fault rules are kept: each is used up once per request it applies to. */
  faults: Pick<Storage, 'takeFault'>
  /** Reads the clock setting and whether faults apply (read-control-state.ts). */
  controlState: MiddlewareHandler<Env>
  /** Requests a fault dropped: the listener closes their connection instead of answering. */
  dropped: WeakSet<Request>
}

export function addCredentialsApi(app: Hono<Env>, parts: CredentialsApiParts): void {
  const { authenticate, handlers, faults, dropped, controlState } = parts
  const maxBodyBytes = credentialsContract.limits.maxRequestBodyBytes

  const authorized: MiddlewareHandler<Env> = async (c, next) => {
    const auth = await authenticate(c.get('authorization'))
    if (!auth.ok) {
      const { status, errorCode, errorMessage, diagnosis, retryAfterSeconds } = auth.failure
      if (retryAfterSeconds !== undefined) c.header('Retry-After', String(retryAfterSeconds))
      if (!diagnosis) return errorAnswer(c, status, errorCode, errorMessage)
      // The spec's `hint` beside the sentence that explains it; the journal keeps both.
      c.set('diagnosis', diagnosis)
      c.set('errorCode', errorCode)
      return c.json({ errorCode, errorMessage, hint: diagnosis.hint }, status)
    }
    c.set('account', auth.account)
    await next()
  }

  // After authentication and before any write, so a faulted request changes nothing.
  const faulted: MiddlewareHandler<Env> = async (c, next) => {
    // With no rule at all (the usual case), no query looks for one.
    if (!c.get('faulty')) return next()
    const fault = await faults.takeFault(operationOf(c.req.path) as OperationId)
    if (!fault) return next()
    c.set('faultId', fault.id)
    if (fault.delayMs) await delay(fault.delayMs, c.req.raw.signal)
    if (fault.drop) {
      dropped.add(c.req.raw)
      return c.body(null, 500)
    }
    if (fault.status === undefined) return next()
    const [errorCode, what] = FAULT_ANSWERS[fault.status]
    if (fault.retryAfter !== undefined) c.header('Retry-After', String(fault.retryAfter))
    const retry = fault.retryAfter === undefined ? '' : `; retry after ${fault.retryAfter} seconds`
    return errorAnswer(c, fault.status, errorCode, `${what} (sandbox ${fault.id})${retry}.`)
  }

  for (const [path, operation] of Object.entries(ROUTES) as [RoutePath, OperationId][]) {
    const body = validatedBody({
      maxBytes: maxBodyBytes,
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
    app.post(path, controlState, authorized, faulted, body, async (c) => {
      const reply = await dispatch(
        operation,
        c.get('body') as RequestBody<typeof operation>,
        c.get('account'),
      )
      if (reply.status !== 200) c.set('errorCode', errorCodeOf(reply.body))
      return c.json(reply.body, reply.status)
    })
    app.all(path, (c) => {
      c.header('Allow', 'POST')
      return errorAnswer(
        c,
        405,
        'MethodNotAllowed',
        `${c.req.method} is not allowed on ${path}; use POST.`,
      )
    })
  }

  // Correlates the operation with its handler; the handler map itself is checked per operation.
  function dispatch<Op extends OperationId>(operation: Op, body: RequestBody<Op>, account: number) {
    const handler = handlers[operation] as (
      b: RequestBody<Op>,
      account: number,
    ) => Promise<{ status: 200 | 404 | 409; body: object }>
    return handler(body, account)
  }
}

/** Waits `ms`, or less if the client goes away first (then nobody waits for the answer). */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done)
  })
}

function errorCodeOf(body: object): string {
  const { errorCode, resultCode } = body as { errorCode?: string; resultCode?: string }
  return errorCode ?? resultCode ?? 'UnexpectedResponse'
}
