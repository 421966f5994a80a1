// Help texts: the top-level list of commands and one page per command, from the command's
// definition (for operation commands, the spec's summary, description, rules and examples).
import { BIN } from './bin-name.js'
import { usageArgs } from './command-line.js'
import { COMMANDS, type CommandDef } from './commands.js'
import { EXIT } from './exit-codes.js'
import { SERVERS, SPEC_VERSION } from './generated/commands.js'

const WIDTH = 100

/** Wraps `text` to the width, every line after the first indented by `indent`. */
function wrap(text: string, indent: number, first = indent): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const limit = WIDTH - (lines.length ? indent : first)
    if (line && line.length + 1 + word.length > limit) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines.join(`\n${' '.repeat(indent)}`)
}

function rows(entries: [string, string][]): string {
  const width = Math.min(28, Math.max(...entries.map(([left]) => left.length)) + 2)
  return entries
    .map(([left, right]) => {
      const pad =
        left.length + 2 > width ? `\n${' '.repeat(width + 2)}` : ' '.repeat(width - left.length)
      return `  ${left}${pad}${wrap(right, width + 2)}`
    })
    .join('\n')
}

function ruleText(def: CommandDef['args'][number]): string {
  const rule = def.rule
  if (!rule) return def.help
  if (rule.enum) return `${def.help} One of ${rule.enum.join(', ')}.`
  return `${def.help} Must match ${rule.pattern}.`
}

export function commandHelp(command: CommandDef): string {
  const usage = `${BIN} ${command.name}${command.args.length ? ` ${usageArgs(command)}` : ''} [options]`
  const parts = [`Usage: ${usage}`, '', command.summary]
  if (command.description) parts.push('', command.description)
  if (command.args.length) {
    parts.push('', 'Arguments:', rows(command.args.map((a) => [`<${a.name}>`, ruleText(a)])))
  }
  parts.push(
    '',
    'Options:',
    rows(
      command.options.map((o) => [
        `${o.short ? `-${o.short}, ` : ''}--${o.name}${o.value ? ` <${o.value}>` : ''}`,
        o.help,
      ]),
    ),
  )
  if (command.spec?.confirm) {
    parts.push(
      '',
      `Asks for confirmation on a terminal (${command.spec.confirm}); --yes elsewhere.`,
    )
  }
  if (command.spec?.guardsSelf) {
    parts.push(`Refuses the key it signs with unless --allow-self.`)
  }
  if (command.examples.length) {
    parts.push('', 'Examples:', ...command.examples.map((e) => `  ${BIN} ${e}`))
  }
  if (command.spec) {
    parts.push(
      '',
      `Sends ${command.spec.method} ${command.spec.path} (${command.spec.operationId}).`,
    )
  }
  return `${parts.join('\n')}\n`
}

export function topHelp(): string {
  const exits = Object.entries(EXIT).map(([name, code]) => `${code} ${name}`)
  return `Usage: ${BIN} <command> [options]

Manages the API keys of a SOLAPI account (SOLAPI Credentials API ${SPEC_VERSION}).

Commands:
${rows(COMMANDS.map((c) => [c.name + (c.args.length ? ` ${usageArgs(c)}` : ''), c.summary]))}

Credentials: SOLAPI_API_KEY and SOLAPI_API_SECRET, or a profile (--profile, SOLAPI_PROFILE) of
the credentials file that \`${BIN} login\` writes. Never on the command line.
Servers: ${SERVERS.map((s) => s.url).join(', ')} (--base-url, SOLAPI_BASE_URL).
Exit codes: ${exits.join(', ')}.

Run \`${BIN} <command> --help\` for a command's options and examples.
`
}
