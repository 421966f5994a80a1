// The command line: which command, its arguments and options. node:util parseArgs splits it;
// every value is then checked against the spec's rules, and a bad one is a UsageError naming
// the option and the rule (exit 2) before any request is made.
import { parseArgs } from 'node:util'
import { BIN } from './bin-name.js'
import { type CommandDef, commandNamed, type OptionDef } from './commands.js'
import { UsageError } from './errors.js'
import { checkRule } from './rules.js'

export type OptionValues = Record<string, string | boolean | undefined>

export interface CommandLine {
  /** Undefined for the bare `--help` / `--version`. */
  command?: CommandDef
  args: Record<string, string>
  options: OptionValues
}

/** Options that would put a secret into argv (shell history, `ps`): refused with the way out. */
const SECRET_OPTIONS = ['--api-secret', '--secret', '--apiSecret']

function toParseArgs(options: readonly OptionDef[]) {
  return Object.fromEntries(
    options.map((o) => [o.name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]),
  ) as Record<string, { type: 'string' | 'boolean'; short?: string }>
}

/** parseArgs's own errors, reworded to name the option and the rule. */
function usageFrom(error: Error & { code?: string }, command: string): UsageError {
  const named = /'(-[^' ]*)/.exec(error.message)?.[1] ?? 'an option'
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(named, `is not an option of ${command} (see ${command} --help)`)
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(named.split(' ')[0] ?? named, 'needs a value')
    default:
      return new UsageError('the command line', error.message)
  }
}

export function parseCommandLine(argv: readonly string[]): CommandLine {
  for (const arg of argv) {
    const name = arg.split('=')[0] ?? ''
    if (SECRET_OPTIONS.includes(name)) {
      throw new UsageError(
        name,
        'is not accepted: a secret on the command line lands in shell history and ps. ' +
          `Use SOLAPI_API_SECRET, or a profile made by \`${BIN} login\` (which reads it from stdin)`,
      )
    }
  }
  const first = argv.findIndex((arg) => !arg.startsWith('-'))
  if (first === -1) {
    const { values } = parseTop(argv)
    return { args: {}, options: values }
  }
  const name = argv[first] as string
  const command = commandNamed(name)
  if (!command) {
    throw new UsageError(name, `is not a command of ${BIN} (see ${BIN} --help)`)
  }
  const rest = [...argv.slice(0, first), ...argv.slice(first + 1)]
  let parsed: { values: OptionValues; positionals: string[] }
  try {
    parsed = parseArgs({
      args: rest,
      options: toParseArgs(command.options),
      strict: true,
      allowPositionals: true,
    }) as typeof parsed
  } catch (error) {
    throw usageFrom(error as Error, `${BIN} ${command.name}`)
  }
  const { values, positionals } = parsed
  if (values.help) return { command, args: {}, options: values }
  const args: Record<string, string> = {}
  if (positionals.length > command.args.length) {
    const extra = positionals[command.args.length] as string
    throw new UsageError(
      `${BIN} ${command.name}`,
      command.args.length
        ? `takes ${command.args.map((a) => `<${a.name}>`).join(' ')} and no more arguments, got an extra ${extra.length <= 12 ? `"${extra}"` : 'argument'}`
        : 'takes no arguments (see --help)',
    )
  }
  command.args.forEach((arg, index) => {
    const value = positionals[index]
    if (value === undefined) {
      throw new UsageError(
        `<${arg.name}>`,
        `is required: ${BIN} ${command.name} ${usageArgs(command)}`,
      )
    }
    args[arg.name] = arg.rule ? checkRule(`<${arg.name}>`, arg.rule, value) : value
  })
  for (const option of command.options) {
    const value = values[option.name]
    if (typeof value === 'string' && option.rule) checkRule(`--${option.name}`, option.rule, value)
    if (typeof value === 'string' && option.check) option.check(value)
  }
  return { command, args, options: values }
}

function parseTop(argv: readonly string[]): { values: OptionValues } {
  try {
    return parseArgs({
      args: [...argv],
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }) as { values: OptionValues }
  } catch (error) {
    throw usageFrom(error as Error, BIN)
  }
}

export const usageArgs = (command: CommandDef): string =>
  command.args.map((a) => `<${a.name}>`).join(' ')
