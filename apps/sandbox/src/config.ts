import { fileURLToPath } from 'node:url'
import { credentials as contract, type StringShape } from '@solapi/credentials-spec'

export interface SandboxConfig {
  port: number
  host: string
  /** A file path, or `:memory:`. */
  database: string
  logLevel: string | undefined
  masterKey: string | undefined
  bootstrap: { apiKey: string; apiSecret: string } | undefined
  replayCapacity: number
}

/** The default database lives in the app folder whatever the working directory. */
export const DEFAULT_DATABASE = fileURLToPath(new URL('../sandbox.db', import.meta.url))

/** Reads the environment; throws one clear sentence per mistake. */
export function readConfig(env: Record<string, string | undefined>): SandboxConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 4011 : Number(env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535; got ${env.PORT}.`)
  }
  const replayCapacity =
    env.SANDBOX_REPLAY_CAPACITY === undefined || env.SANDBOX_REPLAY_CAPACITY === ''
      ? 262_144
      : Number(env.SANDBOX_REPLAY_CAPACITY)
  if (!Number.isInteger(replayCapacity) || replayCapacity < 8 || replayCapacity > 2 ** 26) {
    throw new Error(
      `SANDBOX_REPLAY_CAPACITY must be an integer from 8 to ${2 ** 26}; got ${env.SANDBOX_REPLAY_CAPACITY}.`,
    )
  }
  const apiKey = env.SANDBOX_API_KEY || undefined
  const apiSecret = env.SANDBOX_API_SECRET || undefined
  if ((apiKey === undefined) !== (apiSecret === undefined)) {
    throw new Error('Set both SANDBOX_API_KEY and SANDBOX_API_SECRET, or neither.')
  }
  checkShape('SANDBOX_API_KEY', apiKey, contract.limits.apiKey)
  checkShape('SANDBOX_API_SECRET', apiSecret, contract.limits.apiSecret)
  return {
    port,
    host: env.HOST || '127.0.0.1',
    database: env.DATABASE || DEFAULT_DATABASE,
    logLevel: env.LOG_LEVEL,
    masterKey: env.SANDBOX_MASTER_KEY || undefined,
    bootstrap: apiKey && apiSecret ? { apiKey, apiSecret } : undefined,
    replayCapacity,
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
