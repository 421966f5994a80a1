// The errors the CLI ends with, each carrying its exit code. Messages never hold a secret.
import { EXIT, type ExitCode } from './exit-codes.js'

/** Ends the command with an exit code and a one-line message. */
export class CliError extends Error {
  override name = 'CliError'
  readonly exitCode: ExitCode
  readonly kind: string
  constructor(exitCode: ExitCode, kind: string, message: string) {
    super(message)
    this.exitCode = exitCode
    this.kind = kind
  }
}

/** A bad argument or option: names the option and the rule it breaks. */
export class UsageError extends CliError {
  override name = 'UsageError'
  readonly option: string
  readonly rule: string
  constructor(option: string, rule: string) {
    super(EXIT.usage, 'usage', `${option} ${rule}`)
    this.option = option
    this.rule = rule
  }
}

/** The profile file cannot be used as it is. */
export class ConfigError extends CliError {
  override name = 'ConfigError'
  constructor(message: string) {
    super(EXIT.config, 'config', message)
  }
}
