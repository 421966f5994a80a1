import { randomUUID } from 'node:crypto'
import { credentials as contract, type FieldError } from '@solapi/credentials-spec'
import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { type RequestIdVariables, requestId } from 'hono/request-id'
import type { OperationId, RequestBody } from './api-types.js'
import { createAuthenticator } from './auth/authenticator.js'
import { ReplayStore } from './auth/replay-store.js'
import type { CredentialsService } from './credentials-service.js'
import { createHandlers } from './handlers.js'
import type { Logger } from './logger.js'
import { operationOf, ROUTES, type RoutePath } from './routes.js'

export interface AppOptions {
  credentials: CredentialsService
  logger: Logger
  /** Server clock in ms; injectable so tests can pin the skew boundaries. */
  now?: () => number
  /** Most signatures remembered at once for replay detection (see ReplayStore). */
  replayCapacity?: number
}

type Env = { Variables: RequestIdVariables }

/**
 * An incoming X-Request-Id of up to 128 of these characters is echoed (and logged); otherwise
 * one is made. Hono's middleware echoes `\w`, `-` and `=` itself and asks the generator below
 * about any other value, which also lets `.` and `:` through (trace ids often have them).
 */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * The sandbox as a web-standard `fetch(Request) => Response`. Each request is checked in this
 * order, and the first failure answers: route (404) -> method (405) -> Authorization (401/403)
 * -> Content-Type (415) -> size (413) -> JSON (400 InvalidJSON) -> schema (400
 * ValidationError) -> business rules (404/409). Nothing before the business rules writes to the
 * database.
 */
export function createApp(options: AppOptions) {
  const { credentials, logger } = options
  const now = options.now ?? Date.now
  const replayStore = new ReplayStore(options.replayCapacity ?? 262_144)
  const authenticate = createAuthenticator({ credentials, replayStore, now })
  const handlers = createHandlers(credentials)
  const maxBodyBytes = contract.limits.maxRequestBodyBytes

  const app = new Hono<Env>({ strict: true })

  app.use(
    requestId({
      limitLength: 128,
      generator: (c) => {
        const incoming = c.req.header('X-Request-Id')
        return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID()
      },
    }),
  )
  app.use(async (c, next) => {
    const started = performance.now()
    c.header('Cache-Control', 'no-store')
    // From the server clock the skew check uses, so a client can correct its own by it.
    c.header('Date', new Date(now()).toUTCString())
    await next()
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      operation: operationOf(c.req.path) ?? null,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
    })
  })

  const authorized: MiddlewareHandler<Env> = async (c, next) => {
    const auth = await authenticate(c.req.header('Authorization'))
    if (!auth.ok) {
      return error(c, auth.failure.status, auth.failure.errorCode, auth.failure.errorMessage)
    }
    await next()
  }

  const json: MiddlewareHandler<Env> = async (c, next) => {
    const contentType = c.req.header('Content-Type')
    if (!isJson(contentType)) {
      return error(
        c,
        415,
        'UnsupportedMediaType',
        `Content-Type must be application/json, got ${contentType ? contentType.slice(0, 60) : 'none'}.`,
      )
    }
    await next()
  }

  const limited = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) =>
      error(c, 413, 'PayloadTooLarge', `The request body is larger than ${maxBodyBytes} bytes.`),
  })

  for (const [path, operation] of Object.entries(ROUTES) as [RoutePath, OperationId][]) {
    app.post(path, authorized, json, limited, async (c) => {
      const text = decodeUtf8(await c.req.arrayBuffer())
      if (text === undefined)
        return error(c, 400, 'InvalidJSON', 'Request body is not valid UTF-8.')
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch (cause) {
        return error(c, 400, 'InvalidJSON', describeJsonError(text, cause))
      }
      const verdict = contract.validator().request(operation, body)
      if (!verdict.valid) {
        const summary = verdict.errors.map((e) => `${e.field || '(body)'} ${e.message}`).join('; ')
        return error(
          c,
          400,
          'ValidationError',
          `Request body is invalid: ${summary}`,
          verdict.errors,
        )
      }
      const reply = await dispatch(operation, body as RequestBody<typeof operation>)
      return c.json(reply.body, reply.status)
    })
    app.all(path, (c) => {
      c.header('Allow', 'POST')
      return error(
        c,
        405,
        'MethodNotAllowed',
        `${c.req.method} is not allowed on ${path}; use POST.`,
      )
    })
  }

  app.notFound((c) =>
    error(
      c,
      404,
      'NotFound',
      `No operation at ${c.req.path}. Operations are POST ${Object.keys(ROUTES).join(', ')}.`,
    ),
  )

  app.onError((cause, c) => {
    logger.error('unhandled', {
      requestId: c.get('requestId'),
      path: c.req.path,
      error: cause instanceof Error ? cause.name : 'Error',
    })
    return error(c, 500, 'InternalError', `Internal error (request id ${c.get('requestId')}).`)
  })

  // Correlates the operation with its handler; the handler map itself is checked per operation.
  function dispatch<Op extends OperationId>(operation: Op, body: RequestBody<Op>) {
    const handler = handlers[operation] as (b: RequestBody<Op>) => Promise<{
      status: 200 | 404 | 409
      body: object
    }>
    return handler(body)
  }

  return app
}

function error(
  c: Context<Env>,
  status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 500,
  errorCode: string,
  errorMessage: string,
  errors?: FieldError[],
) {
  return c.json(errors ? { errorCode, errorMessage, errors } : { errorCode, errorMessage }, status)
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The body as text, or undefined when it is not UTF-8. */
function decodeUtf8(bytes: ArrayBuffer): string | undefined {
  try {
    return utf8.decode(bytes)
  } catch {
    return undefined
  }
}

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false
  const type = contentType.split(';', 1)[0]?.trim().toLowerCase()
  return type === 'application/json'
}

/** The parser's position, never the body itself (it might hold something private). */
function describeJsonError(text: string, cause: unknown): string {
  if (text.trim() === '') return 'Request body is empty; send a JSON object such as {}.'
  const position = /position (\d+)/.exec(String((cause as Error)?.message))?.[1]
  return position
    ? `Request body is not valid JSON: syntax error at position ${position}.`
    : 'Request body is not valid JSON.'
}
