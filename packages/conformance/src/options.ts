// The options of a run, checked once: every bad value is a UsageError naming the option and the
// rule, before anything is sent.
import { type Contract, credentialsContract, type StringShape } from '@solapi/credentials-spec'
import { selectChecks } from './checks/catalogue.js'
import { UsageError } from './errors.js'

export interface ConformanceOptions {
  /** Base URL of the server: the operations' paths are appended to it. */
  url: string
  /** An active credential of the account; the kit signs with it and never changes it. */
  apiKey: string
  apiSecret: string
  /** Examples per property. @default 100 */
  examples?: number
  /** Replays a run: the same seed draws the same examples. @default a random one */
  seed?: number
  /** Check ids or group names to run. @default every check */
  only?: readonly string[]
  /** Send only getCredentialInfo, getCredentialList and auth-negative requests. */
  readOnly?: boolean
  /** Run the write checks against a server that is not on loopback. */
  allowWrites?: boolean
  /** Limit of each request, in ms. @default 10000 */
  timeoutMs?: number
  /** Checks that run at the same time. @default 4 */
  concurrency?: number
  /** Stops the run; the credentials it created are still deleted. */
  signal?: AbortSignal
}

export const DEFAULTS = { examples: 100, timeoutMs: 10_000, concurrency: 4 } as const

export interface ResolvedOptions {
  url: URL
  /** The URL without a trailing slash, for joining paths. */
  baseUrl: string
  apiKey: string
  apiSecret: string
  examples: number
  seed: number
  only: readonly string[] | undefined
  readOnly: boolean
  allowWrites: boolean
  timeoutMs: number
  concurrency: number
  signal: AbortSignal | undefined
}

/** A whole number within bounds, or a UsageError naming the option and the bounds. */
export function integerOption(option: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(option, `must be an integer from ${min} to ${max}, got ${String(value)}`)
  }
  return value
}

function shapeRule({ pattern, minLength, maxLength }: StringShape): string {
  const length = minLength === maxLength ? `${minLength}` : `${minLength} to ${maxLength}`
  return `${length} characters matching ${pattern.source}`
}

export function randomSeed(): number {
  return (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) >>> 1
}

export function resolveOptions(
  options: ConformanceOptions,
  contract: Contract = credentialsContract,
): ResolvedOptions {
  if (!options.url) throw new UsageError('--url', 'is required (or set SOLAPI_BASE_URL)')
  let url: URL
  try {
    url = new URL(options.url)
  } catch {
    throw new UsageError('--url', `must be an http or https URL, got "${options.url}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('--url', `must be an http or https URL, got "${options.url}"`)
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new UsageError('--url', 'must have no query, fragment or user info')
  }
  if (!options.apiKey) throw new UsageError('--api-key', 'is required (or set SOLAPI_API_KEY)')
  if (!contract.limits.apiKey.pattern.test(options.apiKey)) {
    throw new UsageError(
      '--api-key',
      `must be ${shapeRule(contract.limits.apiKey)}, got "${options.apiKey}"`,
    )
  }
  if (!options.apiSecret) {
    throw new UsageError('--api-secret', 'is required (or set SOLAPI_API_SECRET)')
  }
  if (!contract.limits.apiSecret.pattern.test(options.apiSecret)) {
    // The value is a secret: its length is all that is shown.
    throw new UsageError(
      '--api-secret',
      `must be ${shapeRule(contract.limits.apiSecret)} (got ${options.apiSecret.length} characters)`,
    )
  }
  if (options.readOnly && options.allowWrites) {
    throw new UsageError('--read-only', 'and --allow-writes cannot be given together')
  }
  // Names no check it does not know (a UsageError listing them otherwise).
  selectChecks(options.only)
  return {
    url,
    baseUrl: url.href.replace(/\/+$/, ''),
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    examples: integerOption('--examples', options.examples ?? DEFAULTS.examples, 1, 100_000),
    seed: integerOption('--seed', options.seed ?? randomSeed(), 0, 2 ** 31 - 1),
    only: options.only,
    readOnly: options.readOnly ?? false,
    allowWrites: options.allowWrites ?? false,
    timeoutMs: integerOption('--timeout', options.timeoutMs ?? DEFAULTS.timeoutMs, 100, 600_000),
    concurrency: integerOption('--concurrency', options.concurrency ?? DEFAULTS.concurrency, 1, 64),
    signal: options.signal,
  }
}
