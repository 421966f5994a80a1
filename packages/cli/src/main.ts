// One run of the CLI: parse, dispatch, and turn any failure into its exit code and message.
import { readFileSync } from 'node:fs'
import { BIN } from './bin-name.js'
import { parseCommandLine } from './command-line.js'
import { runLogin } from './commands/login.js'
import { runOperation } from './commands/operation.js'
import { EXIT, type ExitCode } from './exit-codes.js'
import { describeFailure } from './failure.js'
import { commandHelp, topHelp } from './help.js'
import type { Io } from './io.js'
import { writeJson } from './output.js'
import { runRotate } from './rotation/rotate.js'

/** The package's version, read from its package.json (published beside dist/). */
export function version(): string {
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version
}

export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  const json = argv.includes('--json')
  let commandName: string | undefined
  try {
    const line = parseCommandLine(argv)
    const { command, options } = line
    commandName = command?.name
    if (!command) {
      if (options.version) io.stdout.write(`${version()}\n`)
      else io.stdout.write(topHelp())
      return options.help || options.version ? EXIT.ok : EXIT.usage
    }
    if (options.help) {
      io.stdout.write(commandHelp(command))
      return EXIT.ok
    }
    if (command.kind === 'login') return await runLogin(line, io)
    if (command.kind === 'rotate') return await runRotate(line, io)
    return await runOperation(command, line, io)
  } catch (error) {
    const described = describeFailure(error)
    const { failure } = described
    const exitCode = io.signal?.aborted ? EXIT.interrupted : described.exitCode
    io.stderr.write(`${BIN}: ${failure.message}\n`)
    if (json) writeJson(io, { ok: false, command: commandName ?? null, exitCode, error: failure })
    return exitCode
  }
}
