// A command generated from one operation: check, guard, confirm, send, print.
import { redactAuthorization, signAuthorization } from '@solapi/credentials-client'
import { BIN } from '../bin-name.js'
import { callOperation, clientFor } from '../client.js'
import type { CommandLine } from '../command-line.js'
import type { CommandDef } from '../commands.js'
import { resolveTarget, type Target } from '../credentials.js'
import { CliError, UsageError } from '../errors.js'
import { EXIT, type ExitCode } from '../exit-codes.js'
import { API_KEY_RULE } from '../generated/commands.js'
import { type Io, interactive } from '../io.js'
import { type CredentialOut, credentialOut, note, table, writeJson } from '../output.js'
import { confirm } from '../prompt.js'

export function targetOf(line: CommandLine, io: Io): Target {
  const { profile, 'base-url': baseUrl } = line.options
  return resolveTarget(
    {
      ...(typeof profile === 'string' ? { profile } : {}),
      ...(typeof baseUrl === 'string' ? { baseUrl } : {}),
    },
    io.env,
  )
}

export const timeoutOf = (line: CommandLine): number | undefined =>
  typeof line.options.timeout === 'string' ? Number(line.options.timeout) : undefined

/** The request a command would send, its signature redacted. */
export function dryRunRequest(target: Target, path: string, body: Record<string, string>) {
  return {
    method: 'POST',
    url: `${target.baseUrl}${path}`,
    headers: {
      Authorization: redactAuthorization(signAuthorization(target.credential)),
      'Content-Type': 'application/json',
    },
    body,
  }
}

const isApiKey = (value: string) => new RegExp(API_KEY_RULE.pattern ?? '', 'u').test(value)

/** The credentials of an answer, whatever its shape: a list, one credential, or a result. */
function credentialsOf(data: unknown, showSecret: boolean): CredentialOut[] {
  const body = (data ?? {}) as Record<string, unknown>
  if (body.credentials && typeof body.credentials === 'object') {
    return Object.entries(body.credentials as Record<string, Record<string, unknown>>)
      .map(([apiKey, entry]) => credentialOut({ apiKey, ...entry }, showSecret))
      .sort((a, b) => (a.dateCreated ?? '').localeCompare(b.dateCreated ?? ''))
  }
  if (typeof body.apiKey === 'string') return [credentialOut(body, showSecret)]
  const keyed = Object.entries(body).find(
    ([key, value]) => isApiKey(key) && typeof value === 'object',
  )
  return keyed ? [credentialOut({ apiKey: keyed[0], ...(keyed[1] as object) }, showSecret)] : []
}

export async function runOperation(
  command: CommandDef,
  line: CommandLine,
  io: Io,
): Promise<ExitCode> {
  const spec = command.spec
  if (!spec) throw new Error(`${command.name} is not an operation command`)
  const { options, args } = line
  const json = options.json === true
  const showSecret = options['show-secret'] === true
  const target = targetOf(line, io)
  const body = { ...args, ...spec.fixed }

  if (
    spec.guardsSelf &&
    args.apiKey === target.credential.apiKey &&
    options['allow-self'] !== true
  ) {
    throw new UsageError(
      '--allow-self',
      `is needed to ${command.name} ${args.apiKey}: it is the key this command signs with (${target.source})`,
    )
  }
  if (options['dry-run'] === true) {
    const request = dryRunRequest(target, spec.path, body)
    if (json) writeJson(io, { ok: true, command: command.name, dryRun: true, request })
    else {
      io.stdout.write(
        `${request.method} ${request.url}\n${Object.entries(request.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n')}\n\n${JSON.stringify(body)}\n`,
      )
    }
    return EXIT.ok
  }
  if (spec.confirm && options.yes !== true) {
    if (!interactive(io)) {
      throw new UsageError(
        '--yes',
        `is needed to ${command.name} when not on a terminal (${spec.confirm})`,
      )
    }
    const subject = args.apiKey ? ` ${args.apiKey}` : ''
    const yes = await confirm(
      io,
      `${spec.summary}${subject} on ${target.baseUrl}? ${spec.confirm[0]?.toUpperCase()}${spec.confirm.slice(1)}.`,
    )
    if (!yes)
      throw new CliError(
        EXIT.declined,
        'declined',
        `${command.name}: not confirmed, nothing was sent`,
      )
  }

  const client = clientFor(target.credential, {
    baseUrl: target.baseUrl,
    timeoutMs: timeoutOf(line),
  })
  const data = await callOperation(client, spec, args, io.signal)
  const result = (data ?? {}) as { resultCode?: unknown; apiKey?: unknown }

  if (typeof result.resultCode === 'string') {
    const credential: CredentialOut = {
      apiKey: String(result.apiKey ?? args.apiKey),
      ...(spec.fixed.credentialStatus ? { credentialStatus: spec.fixed.credentialStatus } : {}),
    }
    if (json)
      writeJson(io, { ok: true, command: command.name, resultCode: result.resultCode, credential })
    else {
      const what = spec.fixed.credentialStatus ? `is ${spec.fixed.credentialStatus}` : 'is deleted'
      io.stdout.write(`${credential.apiKey} ${what} (${result.resultCode})\n`)
    }
    return EXIT.ok
  }

  let rows = credentialsOf(data, showSecret)
  for (const filter of spec.filters) {
    const wanted = options[filter.option]
    if (typeof wanted === 'string')
      rows = rows.filter((r) => r[filter.field as keyof CredentialOut] === wanted)
  }
  if (json) {
    writeJson(
      io,
      spec.args.length || !('credentials' in (data as object))
        ? { ok: true, command: command.name, credential: rows[0] }
        : { ok: true, command: command.name, credentials: rows },
    )
  } else io.stdout.write(table(rows, { secretColumn: spec.returnsSecret }))
  if (spec.returnsSecret && !showSecret && spec.name !== 'list' && spec.name !== 'get') {
    const key = rows[0]?.apiKey ?? '<apiKey>'
    note(io, `The secret is masked: \`${BIN} get ${key} --show-secret\` prints it.`)
  }
  return EXIT.ok
}
