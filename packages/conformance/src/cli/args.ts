// The command line: node:util parseArgs, then every value checked. A bad one is a UsageError
// that names the option and the rule (the CLI exits 2 with it).
import { parseArgs } from 'node:util'
import { BIN } from '../bin-name.js'
import { UsageError } from '../errors.js'
import type { ConformanceOptions } from '../options.js'

export type ReportKind = 'junit' | 'json'

export interface CommandLine {
  help: boolean
  version: boolean
  options: Omit<ConformanceOptions, 'signal'>
  reports: Partial<Record<ReportKind, string>>
}

export const USAGE = `Usage: ${BIN} --url <base URL> --api-key <key> \\
         --api-secret <secret> [options]

Holds a server of the SOLAPI Credentials API to its spec. Exits 0 when every
check passes, 1 when one fails, 2 on a usage error (or when nothing answers).

  --url <url>            the server's base URL (or SOLAPI_BASE_URL)
  --api-key <key>        an active credential of the account (SOLAPI_API_KEY)
  --api-secret <secret>  its secret (or SOLAPI_API_SECRET); never printed
  --examples <n>         examples per property (default 100)
  --seed <n>             replay a run: the seed its summary printed
  --only <ids>           check ids or groups, comma-separated
                         (e.g. auth,response.schema)
  --read-only            send only getCredentialInfo, getCredentialList and
                         auth-negative requests
  --allow-writes         run the write checks against a server that is not on
                         loopback (they touch only credentials the run
                         creates, and delete them)
  --report <kind=file>   junit=<file> or json=<file>; may be given twice
  --timeout <ms>         limit of each request (default 10000)
  --concurrency <n>      checks that run at the same time (default 4)
  --help, --version
`

const OPTIONS = {
  url: { type: 'string' },
  'api-key': { type: 'string' },
  'api-secret': { type: 'string' },
  examples: { type: 'string' },
  seed: { type: 'string' },
  only: { type: 'string', multiple: true },
  'read-only': { type: 'boolean' },
  'allow-writes': { type: 'boolean' },
  report: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  concurrency: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const

/** parseArgs's own errors, reworded to name the option and the rule. */
function usageFrom(error: Error & { code?: string }): UsageError {
  const named = /'(-[^' ]*)/.exec(error.message)?.[1] ?? /'([^']+)'/.exec(error.message)?.[1]
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(named ?? 'an option', `is not an option of ${BIN} (see --help)`)
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(named ?? 'an option', 'needs a value')
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(named ?? 'an argument', 'is not an option: options start with --')
    default:
      return new UsageError('the command line', error.message)
  }
}

/** An integer option as written; the bounds are checked with the other options. */
function integer(option: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  if (!/^-?\d+$/.test(raw.trim())) {
    throw new UsageError(option, `must be an integer, got "${raw}"`)
  }
  return Number(raw)
}

function reports(values: string[] | undefined): Partial<Record<ReportKind, string>> {
  const chosen: Partial<Record<ReportKind, string>> = {}
  for (const value of values ?? []) {
    const match = /^(junit|json)=(.+)$/.exec(value)
    if (!match)
      throw new UsageError('--report', `must be junit=<file> or json=<file>, got "${value}"`)
    const kind = match[1] as ReportKind
    if (chosen[kind]) throw new UsageError('--report', `gives ${kind} twice`)
    chosen[kind] = match[2] as string
  }
  return chosen
}

export function parseCommandLine(
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
): CommandLine {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values']
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    throw usageFrom(error as Error)
  }
  const only = values.only
    ?.flatMap((value) => value.split(','))
    .map((id) => id.trim())
    .filter(Boolean)
  const options: Omit<ConformanceOptions, 'signal'> = {
    url: values.url ?? env.SOLAPI_BASE_URL ?? '',
    apiKey: values['api-key'] ?? env.SOLAPI_API_KEY ?? '',
    apiSecret: values['api-secret'] ?? env.SOLAPI_API_SECRET ?? '',
    readOnly: values['read-only'] ?? false,
    allowWrites: values['allow-writes'] ?? false,
  }
  const examples = integer('--examples', values.examples)
  const seed = integer('--seed', values.seed)
  const timeoutMs = integer('--timeout', values.timeout)
  const concurrency = integer('--concurrency', values.concurrency)
  if (examples !== undefined) options.examples = examples
  if (seed !== undefined) options.seed = seed
  if (timeoutMs !== undefined) options.timeoutMs = timeoutMs
  if (concurrency !== undefined) options.concurrency = concurrency
  if (only !== undefined) options.only = only
  return {
    help: values.help ?? false,
    version: values.version ?? false,
    options,
    reports: reports(values.report),
  }
}
