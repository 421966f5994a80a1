// The control API (`/_sandbox/...`, its own OpenAPI document in @solapi/credentials-spec): steers
// the sandbox from a test suite. Every request needs `Authorization: Bearer <control token>`;
// bodies and the query are checked by the spec module's validator against that document, and
// bad input is refused with the field and the rule before anything changes.
import {
  createValidator,
  type FieldError,
  listOperations,
  sandboxControlDocument,
} from '@solapi/credentials-spec'
import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { bearerAuth } from 'hono/bearer-auth'
import type { ClockReading, SandboxClock } from '../domain/clock.js'
import type { CredentialsService } from '../domain/credentials-service.js'
import type { ActiveFault, FaultRule } from '../domain/faults.js'
import type { Journal, JournalEntry } from '../domain/journal.js'
import { type ClockState, type ControlStateStore, REAL_TIME } from '../domain/storage.js'
import { type Env, errorAnswer, summarize } from './context.js'
import type {
  Account,
  Clock,
  ClockSetting,
  ControlOperationId,
  Fault,
  FaultRule as FaultRuleDto,
  FixtureCredential,
  JournalEntry as JournalEntryDto,
  NewAccount,
  SeededCredential,
} from './control-types.js'
import { methodNotAllowed } from './method-not-allowed.js'
import { validatedBody } from './validated-body.js'

export interface ControlParts {
  token: string
  credentials: CredentialsService
  /** This process's copy of the clock, read from `store` as each request arrives. */
  clock: SandboxClock
  /** Where the clock setting and the fault rules are kept (the database, when shared). */
  store: Pick<ControlStateStore, 'setClock' | 'addFault' | 'listFaults' | 'clearFaults'>
  journal: Journal
  /** Reads the clock setting the store holds, once the token is checked (read-control-state.ts). */
  controlState: MiddlewareHandler<Env>
  /** Every account and key gone, then the bootstrap again; replay memory, journal, clock, faults back to normal. */
  reset(): Promise<void>
}

const operations = listOperations(sandboxControlDocument)
let validator: ReturnType<typeof createValidator> | undefined
/** Compiled on the first control request, so that a start that never uses it pays nothing. */
const controlValidator = () => {
  validator ??= createValidator(sandboxControlDocument)
  return validator
}

/**
 * The largest body the control API reads, in bytes (413 PayloadTooLarge beyond it, before
 * anything is buffered): its largest request, a fixture credential, is well under 1 KiB.
 */
export const CONTROL_MAX_BODY_BYTES = 16 * 1024

/** How many field errors a 400 lists; its message says how many there were in all. */
export const MAX_LISTED_ERRORS = 20

/** How the control API names an account: `acct_<number>`, the spec's AccountId. */
export const accountId = (account: number) => `acct_${account}`
const accountNumber = (id: string) => Number(id.slice('acct_'.length))

export function createControlApi(parts: ControlParts): Hono<Env> {
  const { credentials, clock, store, journal } = parts
  /** Keeps a clock setting where every instance reads it, and uses it for this answer. */
  const adoptClock = async (setting: ClockState) => {
    await store.setClock(setting)
    clock.adopt(setting)
  }
  const control = new Hono<Env>({ strict: true })

  const unauthorized = (c: Context<Env>, code: string, message: string) =>
    errorAnswer(c, 401, code, message)
  control.use(
    bearerAuth({
      token: parts.token,
      noAuthenticationHeader: {
        message: (c) =>
          unauthorized(
            c as Context<Env>,
            'MissingControlToken',
            'Send Authorization: Bearer <control token> (printed when the sandbox started).',
          ),
      },
      invalidAuthenticationHeader: {
        message: (c) =>
          unauthorized(
            c as Context<Env>,
            'InvalidControlToken',
            'The control API takes only Authorization: Bearer <control token>, no other scheme.',
          ),
      },
      invalidToken: {
        message: (c) =>
          unauthorized(c as Context<Env>, 'InvalidControlToken', 'The control token is wrong.'),
      },
    }),
  )
  control.use(parts.controlState)

  control.post('/reset', async (c) => {
    await parts.reset()
    return c.body(null, 204)
  })

  control.post('/accounts', bodyOf('createAccount', { optional: true }), async (c) => {
    const body = c.get('body') as NewAccount
    const created = await credentials.createAccount(body)
    if (created === 'key-taken') return keyTaken(c, body.apiKey ?? '')
    const account: Account = {
      accountId: accountId(created.account),
      apiKey: created.apiKey,
      apiSecret: created.apiSecret,
    }
    return c.json(account, 201)
  })

  control.post('/credentials', bodyOf('seedCredential'), async (c) => {
    const body = c.get('body') as FixtureCredential
    const { outcome, status, dateCreated } = await credentials.seed(accountNumber(body.accountId), {
      apiKey: body.apiKey,
      apiSecret: body.apiSecret,
      ...(body.credentialStatus ? { status: body.credentialStatus } : {}),
      ...(body.dateCreated ? { dateCreated: body.dateCreated } : {}),
    })
    if (outcome === 'no-account') {
      return errorAnswer(c, 404, 'AccountNotFound', `No account ${body.accountId}.`)
    }
    if (outcome === 'key-taken') return keyTaken(c, body.apiKey)
    const seeded: SeededCredential = {
      accountId: body.accountId,
      apiKey: body.apiKey,
      credentialStatus: status,
      dateCreated,
    }
    return c.json(seeded, 201)
  })

  control.get('/clock', (c) => c.json(clockDto(clock.state()), 200))
  control.put('/clock', bodyOf('setClock'), async (c) => {
    const body = c.get('body') as ClockSetting
    await adoptClock(clockStateOf(body))
    return c.json(clockDto(clock.state()), 200)
  })
  control.delete('/clock', async (c) => {
    await adoptClock(REAL_TIME)
    return c.json(clockDto(clock.state()), 200)
  })

  control.get('/faults', async (c) =>
    c.json({ faults: (await store.listFaults()).map(faultDto) }, 200),
  )
  control.post('/faults', bodyOf('addFault'), async (c) => {
    const body = c.get('body') as FaultRuleDto
    return c.json(faultDto(await store.addFault(faultRuleOf(body))), 201)
  })
  control.delete('/faults', async (c) => {
    await store.clearFaults()
    return c.body(null, 204)
  })

  control.get('/requests', (c) => {
    const limit = journalLimit(c.req.query('limit'))
    if (Array.isArray(limit)) return invalid(c, 'Query parameter limit', limit)
    return c.json({ requests: journal.latest(limit).map(journalEntryDto) }, 200)
  })

  // A known path with another method: 405 naming the methods it takes.
  for (const path of new Set(operations.map((op) => op.path))) {
    const allowed = operations.filter((op) => op.path === path).map((op) => op.method.toUpperCase())
    control.all(path.slice('/_sandbox'.length), methodNotAllowed(path, allowed))
  }
  return control
}

const limitParameter = operations
  .find((op) => op.operationId === 'listRequests')
  ?.parameters.find((p) => p.name === 'limit')

/** The journal's `limit` query parameter (its schema's default when absent), or its errors. */
function journalLimit(raw: string | undefined): number | FieldError[] {
  if (!limitParameter) throw new Error('spec: listRequests has no limit parameter')
  const schema = limitParameter.schema as { default?: unknown }
  if (raw === undefined) return Number(schema.default)
  // Query values are text; a whole number is read as the integer the schema describes.
  const value: unknown = /^-?\d+$/.test(raw) ? Number(raw) : raw
  const verdict = controlValidator().validate(limitParameter.schemaPointer, value)
  if (verdict.valid) return value as number
  return verdict.errors.map((error) => ({ ...error, field: '/limit' }))
}

function keyTaken(c: Context<Env>, apiKey: string) {
  return errorAnswer(c, 409, 'ApiKeyTaken', `The apiKey ${apiKey} already exists.`)
}

/**
 * The request body, read as the Credentials API reads one (validated-body.ts) but capped at
 * CONTROL_MAX_BODY_BYTES, checked against the operation's schema (which says every rule a body
 * must keep), or the answer naming each field and rule. An absent body is `{}` when `optional`.
 */
function bodyOf(
  operation: ControlOperationId,
  options: { optional?: boolean } = {},
): MiddlewareHandler<Env> {
  return validatedBody({
    maxBytes: CONTROL_MAX_BODY_BYTES,
    ...(options.optional ? { optional: true } : {}),
    errors: (body) => controlValidator().request(operation, body).errors,
    invalid: (c, errors) => invalid(c, 'Request body', errors),
  })
}

/**
 * 400 ValidationError naming the first MAX_LISTED_ERRORS fields and rules, and how many there
 * are in all: an answer stays small however many fields a body breaks.
 */
function invalid(c: Context<Env>, what: string, errors: FieldError[]) {
  const listed = errors.slice(0, MAX_LISTED_ERRORS)
  const count =
    errors.length > listed.length ? ` (${errors.length} errors; the first ${listed.length}:)` : ''
  return errorAnswer(
    c,
    400,
    'ValidationError',
    `${what} is invalid${count}: ${summarize(listed)}`,
    listed,
  )
}

// The wire's types and the domain's, mapped at this edge. They describe the same fields today;
// a change to the control API's document that parts them fails tsc here, not in the stores.

/** A clock setting as the store keeps it: an offset, or an instant to stand at. */
function clockStateOf(setting: ClockSetting): ClockState {
  return 'frozenAt' in setting
    ? { offsetMs: 0, frozenAtMs: Date.parse(setting.frozenAt) }
    : { offsetMs: setting.offsetMs, frozenAtMs: null }
}

const clockDto = ({ now, offsetMs, frozen }: ClockReading): Clock => ({ now, offsetMs, frozen })

const faultRuleOf = (rule: FaultRuleDto): FaultRule => ({ ...rule })

const faultDto = (fault: ActiveFault): Fault => ({ ...fault })

const journalEntryDto = (entry: JournalEntry): JournalEntryDto => ({ ...entry })
