import { randomUUID } from 'node:crypto'
import { credentialsContract } from '@solapi/credentials-spec'
import { type Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import type { Journal, JournalEntry } from '../domain/journal.js'
import type { Logger } from '../domain/logger.js'
import { StorageUnavailableError } from '../domain/storage-unavailable.js'
import { type Env, errorAnswer } from './context.js'
import { corsFor, isPreflight } from './cors.js'
import { addCredentialsApi, type CredentialsApiParts } from './credentials-api.js'
import { addHealth, HEALTH_PATH, type HealthParts } from './health.js'
import { operationOf, ROUTES } from './routes.js'

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
    const started = performance.now()
    c.header('Cache-Control', 'no-store')
    // From the server clock the skew check uses, so a client can correct its own by it; set
    // again once an operation has read the clock setting (read-control-state.ts).
    const arrivedBefore = now()
    c.header('Date', new Date(arrivedBefore).toUTCString())
    const health = c.req.path === HEALTH_PATH
    // A preflight is the browser asking, not an operation.
    const journaled = !health && !c.req.path.startsWith(CONTROL_PREFIX) && !isPreflight(c.req.raw)
    if (journaled)
      c.set('authorization', credentialsContract.parseAuthorization(c.req.header('Authorization')))
    await next()
    // A load balancer's checks would drown the log.
    if (health) return
    const status = dropped.has(c.req.raw) ? 0 : c.res.status
    const arrived = c.get('arrived') ?? arrivedBefore
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      operation: operationOf(c.req.path) ?? null,
      status,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
    })
    if (journaled) journal.record(journalEntry(c, arrived, status))
  })

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

/** What the journal keeps of a request: never a body, a secret or a signature. */
function journalEntry(c: Context<Env>, arrived: number, status: number): JournalEntry {
  const authorization = c.get('authorization')
  const faultId = c.get('faultId')
  const diagnosis = c.get('diagnosis')
  return {
    time: new Date(arrived).toISOString(),
    method: c.req.method,
    path: c.req.path,
    operation: operationOf(c.req.path) ?? null,
    status,
    errorCode: c.get('errorCode') ?? null,
    // A malformed header is not echoed: it may hold a signature or a secret in the wrong place.
    apiKey: authorization?.ok ? authorization.value.apiKey : null,
    authorization: authorization?.ok
      ? credentialsContract.formatAuthorization({ ...authorization.value, signature: '***' })
      : null,
    ...(faultId ? { faultId } : {}),
    // The doctor's sentence holds no secret and no part of a signature (signature-doctor.ts).
    ...(diagnosis ? { diagnosis } : {}),
  }
}
