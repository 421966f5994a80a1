import { randomUUID } from 'node:crypto'
import { type Context, Hono } from 'hono'
import type { OperationId, RequestBody } from './api-types.js'
import { createAuthenticator } from './auth/authenticator.js'
import { ReplayCache } from './auth/replay-cache.js'
import type { CredentialsService } from './credentials-service.js'
import { createHandlers } from './handlers.js'
import { type BodyResult, readBodyWithLimit } from './http/read-body.js'
import { createRequestValidator, type FieldError } from './http/request-validator.js'
import type { Logger } from './logger.js'
import { ROUTES, type RoutePath } from './routes.js'
import { openApiDocument, readSigningRules } from './spec.js'

/** The spec's limit on request bodies (413 PayloadTooLarge above it). */
export const MAX_BODY_BYTES = 16 * 1024

export interface AppOptions {
  credentials: CredentialsService
  logger: Logger
  /** Server clock in ms; injectable so tests can pin the skew boundaries. */
  now?: () => number
  /** Signatures remembered for replay detection (fixed memory, see ReplayCache). */
  replayCapacity?: number
  /**
   * Reads the body within the limit. Default: the web-standard Request stream. A runtime adapter
   * may pass a faster native path; it gets Hono's `c.env` (on Node: `{ incoming, outgoing }`).
   */
  readBody?: (request: Request, env: unknown, limit: number) => Promise<BodyResult>
  /**
   * Reads one request header (`name` lower-case), as `Headers.get` would. Default:
   * `request.headers.get`. A runtime adapter may pass a faster native path (see readBody).
   */
  readHeader?: (request: Request, env: unknown, name: string) => string | null
}

type Env = {
  Variables: {
    operation: OperationId | undefined
    requestId: string
    responseHeaders: Record<string, string>
  }
}

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
  const rules = readSigningRules(openApiDocument)
  const replayCache = new ReplayCache(options.replayCapacity ?? 262_144)
  const authenticate = createAuthenticator({ rules, credentials, replayCache, now })
  const validate = createRequestValidator(openApiDocument)
  const handlers = createHandlers(credentials)
  const readBody =
    options.readBody ?? ((request: Request) => readBodyWithLimit(request, MAX_BODY_BYTES))
  const readHeader =
    options.readHeader ??
    ((request: Request, _env: unknown, name: string) => request.headers.get(name))
  const header = (c: Context<Env>, name: string) => readHeader(c.req.raw, c.env, name) ?? undefined

  const app = new Hono<Env>({ strict: true })

  app.use('*', async (c, next) => {
    const started = performance.now()
    const incoming = header(c, 'x-request-id')
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID()
    c.set('requestId', requestId)
    c.set('operation', undefined)
    // Every response passes these to json() as a plain object: headers added with c.header()
    // go through a web Headers object, and added after the response make Hono rebuild it.
    c.set('responseHeaders', {
      'Content-Type': 'application/json',
      'X-Request-Id': requestId,
      'Cache-Control': 'no-store',
      Date: httpDate(now()),
    })
    await next()
    // Skipped whole when the level is off: reading the path and rounding cost per request.
    if (logger.logsInfo)
      logger.info('request', {
        requestId,
        method: c.req.method,
        path: c.req.path,
        operation: c.get('operation') ?? null,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      })
  })

  for (const [path, operation] of Object.entries(ROUTES) as [RoutePath, OperationId][]) {
    app.post(path, async (c) => {
      c.set('operation', operation)
      const auth = await authenticate(header(c, 'authorization') ?? null)
      if (!auth.ok)
        return error(c, auth.failure.status, auth.failure.errorCode, auth.failure.errorMessage)

      const contentType = header(c, 'content-type')
      if (!isJson(contentType)) {
        return error(
          c,
          415,
          'UnsupportedMediaType',
          `Content-Type must be application/json, got ${contentType ? contentType.slice(0, 60) : 'none'}.`,
        )
      }
      const body = await readBody(c.req.raw, c.env, MAX_BODY_BYTES)
      if (!body.ok) {
        return body.reason === 'too-large'
          ? error(
              c,
              413,
              'PayloadTooLarge',
              `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
            )
          : error(c, 400, 'InvalidJSON', 'Request body is not valid UTF-8.')
      }
      let parsed: unknown
      try {
        parsed = JSON.parse(body.text)
      } catch (cause) {
        return error(c, 400, 'InvalidJSON', describeJsonError(body.text, cause))
      }
      const validation = validate(operation, parsed)
      if (!validation.ok) {
        const summary = validation.errors
          .map((e) => `${e.field || '(body)'} ${e.message}`)
          .join('; ')
        return error(
          c,
          400,
          'ValidationError',
          `Request body is invalid: ${summary}`,
          validation.errors,
        )
      }
      const reply = await dispatch(operation, parsed as RequestBody<typeof operation>)
      return json(reply.body, reply.status, c.get('responseHeaders'))
    })
    app.all(path, (c) => {
      c.set('operation', operation)
      c.set('responseHeaders', { ...c.get('responseHeaders'), Allow: 'POST' })
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
  return json(
    errors ? { errorCode, errorMessage, errors } : { errorCode, errorMessage },
    status,
    c.get('responseHeaders'),
  )
}

/**
 * A JSON response with its headers as a plain object. `c.json` with more than one header builds
 * a web Headers object that @hono/node-server then copies back into a plain object (about 2.5 µs
 * per request here); a Response made with a plain object goes straight to `writeHead`.
 */
function json(body: object, status: number, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), { status, headers })
}

let dateSecond = Number.NaN
let dateText = ''

/** The Date header, formatted once per second (it has one-second resolution). */
function httpDate(ms: number): string {
  const second = Math.floor(ms / 1000)
  if (second !== dateSecond) {
    dateSecond = second
    dateText = new Date(second * 1000).toUTCString()
  }
  return dateText
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
