// The settings a sandbox starts with, from code (startSandbox / createSandbox options) or from
// the environment (the bin). Both are checked by the same rules; each mistake is one sentence
// naming the setting the caller used (an option or an environment variable), never its value.
import { credentialsContract, type StringShape } from '@solapi/credentials-spec'
import { checkControlToken } from './domain/control-token.js'
import type { LogLevel } from './domain/logger.js'
import { corsEntryProblem } from './http/cors.js'
import { isPostgresUrl } from './storage/location.js'

export interface SandboxOptions {
  /**
   * A `postgres://` (or `postgresql://`) URL: a PostgreSQL database that many sandboxes may
   * share. Otherwise a SQLite file, or `:memory:` (the default): data that ends with the sandbox.
   */
  database?: string
  /** The bootstrap credential (the first account's): give both or neither; random otherwise. */
  apiKey?: string
  apiSecret?: string
  /** Opens the control API (`Authorization: Bearer <token>`); random otherwise. */
  controlToken?: string
  /** `false` removes the control API's routes. @default true */
  control?: boolean
  /**
   * The key that seals secrets at rest (64 hex digits or base64); see the README. Required with
   * PostgreSQL, where every instance must use the same one.
   */
  masterKey?: string
  /** @default 'error' from code, 'info' for the bin */
  logLevel?: LogLevel
  /** Where log lines go. @default console.log */
  log?: (line: string) => void
  /**
   * The most signatures the in-memory replay ledger holds at once (SQLite only: on PostgreSQL
   * the ledger is a table). @default 262144
   */
  replayCapacity?: number
  /**
   * The most of them one account holds at once (SQLite only): a busy account that fills its
   * share gets `429 TooManyRequests` with `Retry-After` while the others keep theirs.
   * @default 16384 (or replayCapacity, when that is smaller)
   */
  replayCapacityPerAccount?: number
  /**
   * The most credentials an account may hold: createCredential beyond it answers
   * `409 TooManyCredentials`. @default 1000
   */
  maxCredentialsPerAccount?: number
  /**
   * The browser origins the Credentials API grants CORS to (never with credentials): `'*'`,
   * `'loopback'` (any http or https origin on localhost, 127.0.0.0/8 or [::1], any port),
   * `'null'`, or origins such as `'https://app.example'`; `[]` for none.
   * @default ['loopback', 'https://solapi.github.io'] (local pages and the hosted docs)
   */
  corsOrigins?: readonly string[]
  /** The browser origins the control API grants CORS to, listed as corsOrigins. @default [] */
  controlCorsOrigins?: readonly string[]
  /**
   * Whether a refused signature (`403 SignatureDoesNotMatch`) is explained: the sandbox tries
   * the usual signing mistakes (salt before date, the other algorithm, upper-case hex or base64,
   * whitespace around the secret, the apiKey as the key, another date format, the key's previous
   * secret, another key's secret) and names the one that matches in `errorMessage`, `hint` and
   * the journal's `diagnosis`. Turn it off for a sandbox others reach: it costs some HMACs per
   * refusal and keeps replaced secrets (sealed) in memory for a day. @default true
   */
  signatureDoctor?: boolean
}

export interface ListenOptions {
  /** @default 0 (any free port) */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
}

/** The names each setting goes by where it came from, for error messages. */
export interface SettingNames {
  database: string
  apiKey: string
  apiSecret: string
  controlToken: string
  masterKey: string
  logLevel: string
  replayCapacity: string
  replayCapacityPerAccount: string
  maxCredentialsPerAccount: string
  port: string
  corsOrigins: string
  controlCorsOrigins: string
  signatureDoctor: string
}

export const OPTION_NAMES: SettingNames = {
  database: 'database',
  apiKey: 'apiKey',
  apiSecret: 'apiSecret',
  controlToken: 'controlToken',
  masterKey: 'masterKey',
  logLevel: 'logLevel',
  replayCapacity: 'replayCapacity',
  replayCapacityPerAccount: 'replayCapacityPerAccount',
  maxCredentialsPerAccount: 'maxCredentialsPerAccount',
  port: 'port',
  corsOrigins: 'corsOrigins',
  controlCorsOrigins: 'controlCorsOrigins',
  signatureDoctor: 'signatureDoctor',
}

const MAX_REPLAY_CAPACITY = 2 ** 26
/** Far above any real need; a larger cap would be no cap on a hosted sandbox's disk. */
const MAX_CREDENTIALS_PER_ACCOUNT = 1_000_000

/** Checks options as given from code; throws naming the option. */
export function checkOptions(
  options: SandboxOptions & ListenOptions,
  names: SettingNames = OPTION_NAMES,
): void {
  if ((options.apiKey === undefined) !== (options.apiSecret === undefined)) {
    throw new Error(`Set both ${names.apiKey} and ${names.apiSecret}, or neither.`)
  }
  checkShape(names.apiKey, options.apiKey, credentialsContract.limits.apiKey)
  checkShape(names.apiSecret, options.apiSecret, credentialsContract.limits.apiSecret)
  if (options.controlToken !== undefined)
    checkControlToken(names.controlToken, options.controlToken)
  if (options.database !== undefined && options.database === '') {
    throw new Error(
      `${names.database} must be a postgres:// URL, a file path or :memory:; got an empty string.`,
    )
  }
  if (options.database !== undefined && isPostgresUrl(options.database)) {
    checkPostgresOptions(options, names)
  }
  if (
    options.port !== undefined &&
    (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
  ) {
    throw new Error(`${names.port} must be an integer from 0 to 65535; got ${options.port}.`)
  }
  checkInteger(names.replayCapacity, options.replayCapacity, 8, MAX_REPLAY_CAPACITY)
  checkInteger(
    names.replayCapacityPerAccount,
    options.replayCapacityPerAccount,
    1,
    MAX_REPLAY_CAPACITY,
  )
  checkInteger(
    names.maxCredentialsPerAccount,
    options.maxCredentialsPerAccount,
    1,
    MAX_CREDENTIALS_PER_ACCOUNT,
  )
  if (options.logLevel !== undefined && !['silent', 'error', 'info'].includes(options.logLevel)) {
    throw new Error(`${names.logLevel} must be info, error or silent; got ${options.logLevel}.`)
  }
  checkOrigins(names.corsOrigins, options.corsOrigins)
  checkOrigins(names.controlCorsOrigins, options.controlCorsOrigins)
  if (options.signatureDoctor !== undefined && typeof options.signatureDoctor !== 'boolean') {
    throw new Error(`${names.signatureDoctor} must be true or false.`)
  }
}

/** Refuses a count setting that is not a whole number from `min` to `max`. */
function checkInteger(name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}; got ${value}.`)
  }
}

/** Refuses a CORS setting that is not a list of origins and keywords; names the entry's place. */
function checkOrigins(name: string, entries: readonly string[] | undefined): void {
  if (entries === undefined) return
  if (!Array.isArray(entries) || entries.some((entry) => typeof entry !== 'string')) {
    throw new Error(`${name} must be a list of origins (strings).`)
  }
  entries.forEach((entry, index) => {
    const problem = corsEntryProblem(entry)
    if (problem) throw new Error(`${name}: entry ${index + 1} ${problem}.`)
  })
}

/** What PostgreSQL needs: a master key all instances share, and no in-memory ledger size. */
function checkPostgresOptions(options: SandboxOptions, names: SettingNames): void {
  if (options.masterKey === undefined) {
    throw new Error(
      `With PostgreSQL, set ${names.masterKey}: every instance on the database must seal secrets with the same key, and there is no file beside a URL to keep one in.`,
    )
  }
  for (const setting of ['replayCapacity', 'replayCapacityPerAccount'] as const) {
    if (options[setting] !== undefined) {
      throw new Error(
        `${names[setting]} sizes the in-memory replay ledger of SQLite; with PostgreSQL the ledger is a table, swept of expired rows. Unset it.`,
      )
    }
  }
}

/** Refuses a value that breaks the spec's schema for it (ApiKey, ApiSecret). */
function checkShape(name: string, value: string | undefined, shape: StringShape): void {
  if (value === undefined) return
  const length = value.length
  if (length < shape.minLength || length > shape.maxLength || !shape.pattern.test(value)) {
    throw new Error(
      `${name} must match ${shape.pattern.source} (the spec); got ${length} characters.`,
    )
  }
}
