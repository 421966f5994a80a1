// Which credential signs, and which server: never from the command line (a secret in argv lands
// in shell history and `ps`). An explicit --profile wins; then SOLAPI_API_KEY/SOLAPI_API_SECRET;
// then the SOLAPI_PROFILE or "default" profile. The server: --base-url, SOLAPI_BASE_URL, the
// profile's baseUrl, then the spec's first server.
import { BIN } from './bin-name.js'
import { configFilePath, readCredentialsFile } from './config-file.js'
import { UsageError } from './errors.js'
import { SERVERS } from './generated/commands.js'

export interface Credential {
  apiKey: string
  apiSecret: string
}

export interface Target {
  credential: Credential
  baseUrl: string
  /** Where the credential came from, for messages: `profile "ci"` or `SOLAPI_API_KEY`. */
  source: string
  profile?: string
}

export function resolveBaseUrl(
  option: string | undefined,
  env: Record<string, string | undefined>,
  profileUrl?: string,
): string {
  const url = option ?? env.SOLAPI_BASE_URL ?? profileUrl ?? SERVERS[0]?.url ?? ''
  return url.replace(/\/+$/, '')
}

export function resolveTarget(
  options: { profile?: string; baseUrl?: string },
  env: Record<string, string | undefined>,
): Target {
  const fromEnv = env.SOLAPI_API_KEY && env.SOLAPI_API_SECRET
  if (!options.profile && fromEnv) {
    return {
      credential: {
        apiKey: env.SOLAPI_API_KEY as string,
        apiSecret: env.SOLAPI_API_SECRET as string,
      },
      baseUrl: resolveBaseUrl(options.baseUrl, env),
      source: 'SOLAPI_API_KEY',
    }
  }
  if (!options.profile && (env.SOLAPI_API_KEY || env.SOLAPI_API_SECRET)) {
    const missing = env.SOLAPI_API_KEY ? 'SOLAPI_API_SECRET' : 'SOLAPI_API_KEY'
    throw new UsageError(missing, 'is not set: set both SOLAPI_API_KEY and SOLAPI_API_SECRET')
  }
  const name = options.profile ?? env.SOLAPI_PROFILE ?? 'default'
  const path = configFilePath(env)
  const file = readCredentialsFile(path)
  const profile = file?.profiles[name]
  if (!profile) {
    throw new UsageError(
      options.profile ? '--profile' : 'credentials',
      options.profile || env.SOLAPI_PROFILE
        ? `names no profile "${name}" in ${path} (make it with \`${BIN} login --profile ${name}\`)`
        : `are missing: set SOLAPI_API_KEY and SOLAPI_API_SECRET, or run \`${BIN} login\``,
    )
  }
  return {
    credential: { apiKey: profile.apiKey, apiSecret: profile.apiSecret },
    baseUrl: resolveBaseUrl(options.baseUrl, env, profile.baseUrl),
    source: `profile "${name}"`,
    profile: name,
  }
}
