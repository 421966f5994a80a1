// `login`: saves a credential as a profile of the credentials file. The secret comes from stdin
// or a prompt without echo, never from argv; one signed request checks it before it is saved.
import { clientFor } from '../client.js'
import type { CommandLine } from '../command-line.js'
import { configFilePath, readCredentialsFile, writeCredentialsFile } from '../config-file.js'
import { resolveBaseUrl } from '../credentials.js'
import { UsageError } from '../errors.js'
import { EXIT, type ExitCode } from '../exit-codes.js'
import { API_KEY_RULE, API_SECRET_RULE } from '../generated/commands.js'
import { type Io, interactive } from '../io.js'
import { note, writeJson } from '../output.js'
import { askLine, askSecret, readAll } from '../prompt.js'
import { checkRule } from '../rules.js'
import { timeoutOf } from './operation.js'

export async function runLogin(line: CommandLine, io: Io): Promise<ExitCode> {
  const { options } = line
  const name =
    typeof options.profile === 'string' ? options.profile : (io.env.SOLAPI_PROFILE ?? 'default')
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) {
    throw new UsageError('--profile', 'must be 1-64 characters of A-Z a-z 0-9 . _ -')
  }
  const path = configFilePath(io.env)
  const existing = readCredentialsFile(path) ?? { profiles: {} }
  const onTerminal = interactive(io)

  let apiKey = typeof options['api-key'] === 'string' ? options['api-key'] : ''
  if (!apiKey) {
    if (!onTerminal) throw new UsageError('--api-key', 'is required when not on a terminal')
    apiKey = checkRule('apiKey', API_KEY_RULE, await askLine(io, 'apiKey: '))
  }
  const secret = onTerminal
    ? await askSecret(io, `apiSecret for ${apiKey} (not shown): `)
    : await readAll(io)
  const apiSecret = checkRule('apiSecret (stdin)', API_SECRET_RULE, secret)
  const baseUrl = typeof options['base-url'] === 'string' ? options['base-url'] : undefined

  if (options['no-verify'] !== true) {
    const url = resolveBaseUrl(baseUrl, {}, existing.profiles[name]?.baseUrl)
    const client = clientFor({ apiKey, apiSecret }, { baseUrl: url, timeoutMs: timeoutOf(line) })
    await client.getCredentialInfo(apiKey, io.signal ? { signal: io.signal } : {})
  }
  const profile = {
    apiKey,
    apiSecret,
    ...(baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, '') } : {}),
  }
  writeCredentialsFile(path, { profiles: { ...existing.profiles, [name]: profile } })
  if (options.json === true) {
    writeJson(io, {
      ok: true,
      command: 'login',
      profile: name,
      configFile: path,
      credential: { apiKey },
    })
  } else note(io, `Saved ${apiKey} as profile "${name}" in ${path} (mode 0600).`)
  return EXIT.ok
}
