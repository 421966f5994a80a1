// The credentials file: named profiles of `{ apiKey, apiSecret, baseUrl? }`, at
// $XDG_CONFIG_HOME/solapi/credentials.json (or ~/.config/solapi/credentials.json). It holds
// secrets, so it is refused when anyone but its owner may read or write it, and written with
// mode 0600 (its folder 0700), atomically, by `login`.
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { ConfigError } from './errors.js'

export interface Profile {
  apiKey: string
  apiSecret: string
  baseUrl?: string
}

export interface CredentialsFile {
  profiles: Record<string, Profile>
}

export function configFilePath(env: Record<string, string | undefined>): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config')
  return join(base, 'solapi', 'credentials.json')
}

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, '0')

/** The file's profiles; undefined when there is no file. */
export function readCredentialsFile(path: string): CredentialsFile | undefined {
  let stat: ReturnType<typeof statSync>
  try {
    stat = statSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new ConfigError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code}`)
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new ConfigError(
      `${path} holds secrets and other users may read it (mode ${octal(stat.mode)}): ` +
        `run chmod 600 ${path}`,
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    throw new ConfigError(`${path} is not valid JSON`)
  }
  const profiles = (parsed as { profiles?: unknown } | null)?.profiles
  if (!profiles || typeof profiles !== 'object' || Array.isArray(profiles)) {
    throw new ConfigError(`${path} must be {"profiles": {"<name>": {"apiKey", "apiSecret"}}}`)
  }
  for (const [name, profile] of Object.entries(profiles as Record<string, unknown>)) {
    const p = profile as Partial<Profile> | null
    if (typeof p?.apiKey !== 'string' || typeof p?.apiSecret !== 'string') {
      throw new ConfigError(`${path}: profile "${name}" needs an apiKey and an apiSecret (strings)`)
    }
    if (p.baseUrl !== undefined && typeof p.baseUrl !== 'string') {
      throw new ConfigError(`${path}: profile "${name}": baseUrl must be a string`)
    }
  }
  return { profiles: profiles as Record<string, Profile> }
}

/** Writes the file with mode 0600 through a temporary file and a rename. */
export function writeCredentialsFile(path: string, file: CredentialsFile): void {
  const dir = dirname(path)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const temporary = join(dir, `.credentials.${process.pid}.tmp`)
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 })
  chmodSync(temporary, 0o600)
  renameSync(temporary, path)
}
