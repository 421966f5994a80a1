import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'

export type MasterKeySource = 'env' | 'key-file-created' | 'key-file' | 'ephemeral'

/**
 * The 32-byte AES key that seals secrets at rest: the one given (SANDBOX_MASTER_KEY or the
 * `masterKey` option: 64 hex digits or base64), else `<database>.key` beside a database file,
 * created once with mode 0600. With no file (`:memory:`) it is a throw-away key and no file is
 * written. (A PostgreSQL database has no file beside it: its key must be given.)
 */
export function loadMasterKey(
  databaseFile: string | undefined,
  given: { value: string; name: string } | undefined,
): { key: Uint8Array; source: MasterKeySource; file?: string } {
  if (given !== undefined) return { key: decodeKey(given.value, given.name), source: 'env' }
  if (databaseFile === undefined || databaseFile === ':memory:') {
    return { key: new Uint8Array(randomBytes(32)), source: 'ephemeral' }
  }
  const file = `${databaseFile}.key`
  if (existsSync(file)) {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
    return { key: decodeKey(readFileSync(file, 'utf8').trim(), file), source: 'key-file', file }
  }
  const key = new Uint8Array(randomBytes(32))
  writeFileSync(file, `${Buffer.from(key).toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  return { key, source: 'key-file-created', file }
}

function decodeKey(text: string, origin: string): Uint8Array {
  const value = text.trim()
  const bytes = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(value)
      ? Buffer.from(value, 'base64')
      : undefined
  if (bytes?.length !== 32) {
    throw new Error(`${origin} must hold a 32-byte key as 64 hex digits or base64.`)
  }
  return new Uint8Array(bytes)
}
