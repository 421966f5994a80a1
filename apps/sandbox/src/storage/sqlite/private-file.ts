import { closeSync, openSync } from 'node:fs'

/**
 * Creates the database file, if it is missing, readable and writable by its owner alone (0600),
 * before SQLite opens it: SQLite would create it 0644, world-readable. The file holds every
 * sealed secret and account of the sandbox. SQLite gives its -wal and -shm files the mode of the
 * database file, so they are 0600 too. An existing file keeps the mode its owner gave it.
 */
export function createPrivateFile(location: string): void {
  if (location === ':memory:' || location === '' || location.startsWith('file:')) return
  try {
    // 'wx': only when it does not exist yet, so an existing file is never truncated. The umask
    // may narrow the mode, never widen it.
    closeSync(openSync(location, 'wx', 0o600))
  } catch {
    // It exists already, or cannot be made here (no such folder, no permission): SQLite then
    // opens it or says why in its own words.
  }
}
