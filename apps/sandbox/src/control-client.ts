// A typed client for the control API, on openapi-fetch and the types generated from the control
// API's spec: one method per operation (named by its operationId), each resolving to the
// documented body and rejecting with a SandboxControlError for any error answer.
import type { FieldError } from '@solapi/credentials-spec'
import createClient, { type Client } from 'openapi-fetch'
import type {
  Account,
  Clock,
  ClockSetting,
  ControlError,
  Fault,
  FaultRule,
  FixtureCredential,
  JournalEntry,
  NewAccount,
  ControlPaths as paths,
  SeededCredential,
} from './http/control-types.js'

export interface SandboxControl {
  /** Every account and key gone, then the bootstrap again; journal, replay memory, clock and faults back to normal. */
  resetSandbox(): Promise<void>
  /** A new account with one active credential (made up unless given). */
  createAccount(account?: NewAccount): Promise<Account>
  /** Adds a fixture credential to an account, exactly as given. */
  seedCredential(credential: FixtureCredential): Promise<SeededCredential>
  getClock(): Promise<Clock>
  /** `{ offsetMs }` moves the clock, `{ frozenAt }` stops it at an instant. */
  setClock(setting: ClockSetting): Promise<Clock>
  restoreClock(): Promise<Clock>
  /** The rules that still apply, oldest first. */
  listFaults(): Promise<Fault[]>
  /** Makes the next matching requests fail on purpose. */
  addFault(rule: FaultRule): Promise<Fault>
  clearFaults(): Promise<void>
  /** The last requests the Credentials API received, newest first. */
  listRequests(options?: { limit?: number }): Promise<JournalEntry[]>
  /** The openapi-fetch client underneath, with the token set: `{ data, error, response }`. */
  raw: Client<paths>
}

/** An error answer of the control API. */
export class SandboxControlError extends Error {
  override name = 'SandboxControlError'
  readonly status: number
  readonly errorCode: string
  readonly errors: FieldError[]

  constructor(operation: string, status: number, body: Partial<ControlError> | undefined) {
    const errorCode = body?.errorCode ?? 'UnexpectedResponse'
    super(
      `${operation}: ${status} ${errorCode}${body?.errorMessage ? `: ${body.errorMessage}` : ''}`,
    )
    this.status = status
    this.errorCode = errorCode
    this.errors = body?.errors ?? []
  }
}

/**
 * A client for the control API of the sandbox at `baseUrl`: for a test process that did not start
 * the sandbox itself (a vitest worker, a CI job), given the URL and the control token.
 */
export function createControlClient(options: {
  baseUrl: string
  controlToken: string
  /** The fetch to send with. @default globalThis.fetch */
  fetch?: (request: Request) => Promise<Response>
}): SandboxControl {
  const raw = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { Authorization: `Bearer ${options.controlToken}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })

  /** The body of a success, or a throw with the error's code and message. */
  async function ok<T>(
    operation: string,
    call: Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<T> {
    const { data, error, response } = await call
    if (!response.ok) {
      throw new SandboxControlError(operation, response.status, error as Partial<ControlError>)
    }
    return data as T
  }

  return {
    raw,
    resetSandbox: () => ok('resetSandbox', raw.POST('/_sandbox/reset')),
    createAccount: (account = {}) =>
      ok('createAccount', raw.POST('/_sandbox/accounts', { body: account })),
    seedCredential: (credential) =>
      ok('seedCredential', raw.POST('/_sandbox/credentials', { body: credential })),
    getClock: () => ok('getClock', raw.GET('/_sandbox/clock')),
    setClock: (setting) => ok('setClock', raw.PUT('/_sandbox/clock', { body: setting })),
    restoreClock: () => ok('restoreClock', raw.DELETE('/_sandbox/clock')),
    listFaults: async () => (await ok('listFaults', raw.GET('/_sandbox/faults'))).faults,
    addFault: (rule) => ok('addFault', raw.POST('/_sandbox/faults', { body: rule })),
    clearFaults: () => ok('clearFaults', raw.DELETE('/_sandbox/faults')),
    listRequests: async ({ limit } = {}) =>
      (
        await ok(
          'listRequests',
          raw.GET('/_sandbox/requests', {
            params: { query: limit === undefined ? {} : { limit } },
          }),
        )
      ).requests,
  }
}
