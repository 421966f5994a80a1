// The bin's settings, from the environment. Each mistake is one sentence naming the variable.
import { generateControlToken, isLoopback } from './domain/control-token.js'
import type { LogLevel } from './domain/logger.js'
import {
  checkOptions,
  type ListenOptions,
  type SandboxOptions,
  type SettingNames,
} from './settings.js'

export const DEFAULT_PORT = 4011

export const ENV_NAMES: SettingNames = {
  database: 'DATABASE',
  apiKey: 'SANDBOX_API_KEY',
  apiSecret: 'SANDBOX_API_SECRET',
  controlToken: 'SANDBOX_CONTROL_TOKEN',
  masterKey: 'SANDBOX_MASTER_KEY',
  logLevel: 'LOG_LEVEL',
  replayCapacity: 'SANDBOX_REPLAY_CAPACITY',
  replayCapacityPerAccount: 'SANDBOX_REPLAY_CAPACITY_PER_ACCOUNT',
  maxCredentialsPerAccount: 'SANDBOX_MAX_CREDENTIALS_PER_ACCOUNT',
  port: 'PORT',
  corsOrigins: 'SANDBOX_CORS_ORIGINS',
  controlCorsOrigins: 'SANDBOX_CONTROL_CORS_ORIGINS',
  signatureDoctor: 'SANDBOX_SIGNATURE_DOCTOR',
}

export type ControlSetting =
  | { on: true; token: string; from: 'SANDBOX_CONTROL_TOKEN' | 'random' }
  | { on: false; reason: string }

export interface BinConfig {
  options: SandboxOptions & ListenOptions & Required<Pick<SandboxOptions, 'database'>>
  control: ControlSetting
  /** The variables the settings came from (DATABASE or DATABASE_URL), for error messages. */
  names: SettingNames
}

/** Reads the environment; throws one clear sentence per mistake. */
export function readConfig(env: Record<string, string | undefined>): BinConfig {
  const value = (name: string) => env[name] || undefined
  const number = (name: string) => (value(name) === undefined ? undefined : Number(value(name)))
  const names = { ...ENV_NAMES, database: databaseVariable(env) }
  const options = {
    port: number('PORT') ?? DEFAULT_PORT,
    host: value('HOST') ?? '127.0.0.1',
    // Nothing is written unless asked for: the published bin keeps its data in memory.
    database: value(names.database) ?? ':memory:',
    apiKey: value('SANDBOX_API_KEY'),
    apiSecret: value('SANDBOX_API_SECRET'),
    controlToken: value('SANDBOX_CONTROL_TOKEN'),
    masterKey: value('SANDBOX_MASTER_KEY'),
    logLevel: (value('LOG_LEVEL') ?? 'info') as LogLevel,
    replayCapacity: number('SANDBOX_REPLAY_CAPACITY'),
    replayCapacityPerAccount: number('SANDBOX_REPLAY_CAPACITY_PER_ACCOUNT'),
    maxCredentialsPerAccount: number('SANDBOX_MAX_CREDENTIALS_PER_ACCOUNT'),
    corsOrigins: originList(value('SANDBOX_CORS_ORIGINS')),
    controlCorsOrigins: originList(value('SANDBOX_CONTROL_CORS_ORIGINS')),
    signatureDoctor: onOff('SANDBOX_SIGNATURE_DOCTOR', value('SANDBOX_SIGNATURE_DOCTOR')),
  }
  checkOptions(options, names)
  const control = controlSetting(value('SANDBOX_CONTROL'), options.host, options.controlToken)
  return {
    options: {
      ...withoutUndefined(options),
      control: control.on,
      ...(control.on ? { controlToken: control.token } : {}),
    },
    control,
    names,
  }
}

/**
 * Where the database comes from: DATABASE_URL (what hosting platforms set) or DATABASE; either
 * may hold a postgres:// URL, a SQLite file or :memory:. Both set, to different values, is a
 * mistake rather than a choice to guess.
 */
function databaseVariable(env: Record<string, string | undefined>): 'DATABASE' | 'DATABASE_URL' {
  const url = env.DATABASE_URL || undefined
  const database = env.DATABASE || undefined
  if (url !== undefined && database !== undefined && url !== database) {
    throw new Error('DATABASE and DATABASE_URL are both set, to different values; set one.')
  }
  return url === undefined ? 'DATABASE' : 'DATABASE_URL'
}

/**
 * Whether the control API is on, and its token. Off with SANDBOX_CONTROL=off, and off on an
 * address other machines reach unless SANDBOX_CONTROL_TOKEN is set: the bin prints a token it
 * made up, and a hosted sandbox's output goes to logs that others read.
 */
function controlSetting(
  setting: string | undefined,
  host: string,
  token: string | undefined,
): ControlSetting {
  if (setting !== undefined && setting !== 'on' && setting !== 'off') {
    // Never echoed: a control token pasted into the wrong variable is a secret.
    throw new Error('SANDBOX_CONTROL must be on or off (or unset, which is on).')
  }
  if (setting === 'off') return { on: false, reason: 'SANDBOX_CONTROL=off' }
  if (token) return { on: true, token, from: 'SANDBOX_CONTROL_TOKEN' }
  if (!isLoopback(host)) {
    return {
      on: false,
      reason: `HOST ${host} is not a loopback address and SANDBOX_CONTROL_TOKEN is not set`,
    }
  }
  return { on: true, token: generateControlToken(), from: 'random' }
}

/**
 * A CORS setting from the environment: comma-separated entries (spaces around them ignored), or
 * `none` for no grant at all. Unset keeps the option's default.
 */
function originList(setting: string | undefined): string[] | undefined {
  if (setting === undefined) return undefined
  if (setting.trim() === 'none') return []
  return setting
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
}

/** An on/off switch from the environment; unset keeps the option's default. */
function onOff(name: string, setting: string | undefined): boolean | undefined {
  if (setting === undefined) return undefined
  if (setting === 'on') return true
  if (setting === 'off') return false
  throw new Error(`${name} must be on or off (or unset, which is on).`)
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
