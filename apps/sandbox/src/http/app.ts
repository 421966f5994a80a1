import { randomUUID } from 'node:crypto'
import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import type { Journal } from '../domain/journal.js'
import type { Logger } from '../domain/logger.js'
import { StorageUnavailableError } from '../domain/storage-unavailable.js'
import { accessLog } from './access-log.js'
import { clockHeader } from './clock-header.js'
import { type Env, errorAnswer } from './context.js'
import { corsFor, isPreflight } from './cors.js'
import { addCredentialsApi, type CredentialsApiParts } from './credentials-api.js'
import { addHealth, HEALTH_PATH, type HealthParts } from './health.js'
import { requestJournal } from './request-journal.js'
import { ROUTES } from './routes.js'

export interface AppParts extends CredentialsApiParts, HealthParts {
  logger: Logger
  /** The sandbox clock: the `Date` header and the journal's times. */
  now: () => number
  journal: Journal
  /** The control API, mounted under `/_sandbox`; absent when it is off. */
  control: Hono<Env> | undefined
  /** The origins each API grants CORS to (see cors.ts); none when empty. */
  cors: { api: readonly string[]; control: readonly string[] }
}

/** Seconds a client is told to wait when the database does not answer. */
const UNAVAILABLE_RETRY_AFTER = 1

/**
 * An incoming X-Request-Id of up to 128 of these characters is echoed (and logged); otherwise
 * one is made. Hono's middleware echoes `\w`, `-` and `=` itself and asks the generator below
 * about any other value, which also lets `.` and `:` through (trace ids often have them).
 */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/
const CONTROL_PREFIX = '/_sandbox/'

/**
 * The sandbox as a Hono app: the Credentials API (see credentials-api.ts), the control API under
 * `/_sandbox/`, `/healthz`, an access log line per request (health checks aside) and a journal
 * entry per Credentials API request. Unknown paths are 404, known paths with another method 405,
 * and a database that does not answer is 503.
 */
export function createApp(parts: AppParts): Hono<Env> {
  const { logger, now, journal, dropped } = parts
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
    c.header('Cache-Control', 'no-store')
    await next()
  })
  app.use(clockHeader(now))
  // A load balancer's checks would drown the log.
  app.use(unless(isHealthCheck, accessLog(logger, dropped)))
  app.use(unless(isNotOperation, requestJournal(journal, { now, dropped })))

  // Each API its own grant: the control API's is closed unless configured.
  const apiCors = corsFor({
    origins: parts.cors.api,
    methods: ['POST'],
    headers: ['Authorization', 'Content-Type', 'X-Request-Id'],
  })
  const controlCors = corsFor({
    origins: parts.cors.control,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    headers: ['Authorization', 'Content-Type', 'X-Request-Id'],
  })
  app.use((c, next) => (c.req.path.startsWith(CONTROL_PREFIX) ? controlCors : apiCors)(c, next))

  addHealth(app, parts)

  addCredentialsApi(app, parts)
  if (parts.control) app.route('/_sandbox', parts.control)

  app.notFound((c) =>
    errorAnswer(
      c,
      404,
      'NotFound',
      `No operation at ${c.req.path}. Operations are POST ${Object.keys(ROUTES).join(', ')}.`,
    ),
  )

  app.onError((cause, c) => {
    // The control API's bearer check answers by throwing its 401.
    if (cause instanceof HTTPException) return cause.getResponse()
    if (cause instanceof StorageUnavailableError) {
      logger.error('unavailable', {
        requestId: c.get('requestId'),
        path: c.req.path,
        database: cause.where,
        reason: cause.reason,
      })
      c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER))
      return errorAnswer(
        c,
        503,
        'ServiceUnavailable',
        `The sandbox's database does not answer. Retry after ${UNAVAILABLE_RETRY_AFTER} second (request id ${c.get('requestId')}).`,
      )
    }
    logger.error('unhandled', {
      requestId: c.get('requestId'),
      path: c.req.path,
      error: cause instanceof Error ? cause.name : 'Error',
    })
    return errorAnswer(
      c,
      500,
      'InternalError',
      `Internal error (request id ${c.get('requestId')}).`,
    )
  })

  return app
}

/** Runs `middleware` except on the requests `skip` picks out. */
function unless(
  skip: (c: Context<Env>) => boolean,
  middleware: MiddlewareHandler<Env>,
): MiddlewareHandler<Env> {
  return (c, next) => (skip(c) ? next() : middleware(c, next))
}

const isHealthCheck = (c: Context<Env>) => c.req.path === HEALTH_PATH

/** Not a Credentials API request: health, the control API, or a browser's preflight. */
const isNotOperation = (c: Context<Env>) =>
  isHealthCheck(c) || c.req.path.startsWith(CONTROL_PREFIX) || isPreflight(c.req.raw)
