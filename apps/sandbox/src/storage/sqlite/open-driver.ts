// The SQLite library of the runtime, chosen when the sandbox starts and loaded only then, so that
// no runtime ever loads another's module: bun:sqlite on Bun, node:sqlite on Deno; on Node the
// optional dependency better-sqlite3, else node:sqlite where this Node has it unflagged. Node's
// node:sqlite prints an ExperimentalWarning on every process that loads it, which would land in
// the output of every test suite that starts a sandbox, so better-sqlite3 comes first there.
import { currentRuntime } from '../../runtime/current-runtime.js'
import type { SqlDriver } from './sql-driver.js'

export const NO_SQLITE =
  'No SQLite library: this Node has no node:sqlite and better-sqlite3 is not installed. ' +
  'Fix: npm install better-sqlite3, or run on Node 22.13 or later, Bun or Deno.'

export async function openSqliteDriver(filename: string): Promise<SqlDriver> {
  const runtime = currentRuntime()
  if (runtime === 'bun') return (await import('./bun-sqlite-driver.js')).openBunSqlite(filename)
  if (runtime === 'deno') return (await import('./node-sqlite-driver.js')).openNodeSqlite(filename)
  const better = await import('./better-sqlite3-driver.js').catch(notInstalled)
  if (better) return better.openBetterSqlite3(filename)
  const builtin = await import('./node-sqlite-driver.js').catch(notInstalled)
  if (builtin) return builtin.openNodeSqlite(filename)
  throw new Error(NO_SQLITE)
}

/** Undefined when a module (better-sqlite3, node:sqlite) is missing; other failures throw. */
function notInstalled(error: unknown): undefined {
  const code = (error as { code?: string }).code
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNKNOWN_BUILTIN_MODULE') return undefined
  throw error
}
