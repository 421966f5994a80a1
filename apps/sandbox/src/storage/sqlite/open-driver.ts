// The SQLite library of the runtime, chosen when the sandbox starts and loaded only then, so that
// no runtime ever loads another's module: bun:sqlite on Bun, node:sqlite on Deno. On Node the
// built-in node:sqlite comes first wherever it loads silently, so that most installs need no
// native module at all; where it still prints an ExperimentalWarning (which would land in the
// output of every test suite that starts a sandbox) the optional dependency better-sqlite3 comes
// first, and node:sqlite stays the fallback when better-sqlite3 is missing or was built for
// another Node (a node_modules carried over from another Node version).
import { currentRuntime } from '../../runtime/current-runtime.js'
import type { SqlDriver } from './sql-driver.js'

export const NO_SQLITE =
  'No SQLite library: this Node has no node:sqlite and better-sqlite3 is not installed. ' +
  'Fix: npm install better-sqlite3, or run on Node 22.13 or later, Bun or Deno.'

/**
 * Whether this Node's node:sqlite loads without an ExperimentalWarning: from 24.15 on the 24 line
 * and from 25.7 on (each line checked release by release; 22 and 23 always warn).
 */
export function nodeSqliteIsSilent(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number)
  if (major === 24) return minor >= 15
  if (major === 25) return minor >= 7
  return major >= 26
}

export async function openSqliteDriver(filename: string): Promise<SqlDriver> {
  const runtime = currentRuntime()
  if (runtime === 'bun') return (await import('./bun-sqlite-driver.js')).openBunSqlite(filename)
  if (runtime === 'deno') return (await import('./node-sqlite-driver.js')).openNodeSqlite(filename)
  if (nodeSqliteIsSilent(process.versions.node)) {
    const builtin = await import('./node-sqlite-driver.js').catch(notInstalled)
    if (builtin) return builtin.openNodeSqlite(filename)
  }
  const better = await openBetterSqlite3(filename)
  if (better) return better
  const builtin = await import('./node-sqlite-driver.js').catch(notInstalled)
  if (builtin) return builtin.openNodeSqlite(filename)
  throw new Error(NO_SQLITE)
}

/**
 * better-sqlite3's store, or undefined when it is not installed, or when its native module was
 * built for another Node and this Node has node:sqlite to fall back to (said once per process).
 */
async function openBetterSqlite3(filename: string): Promise<SqlDriver | undefined> {
  if (builtForAnotherNodeSeen) return undefined
  const better = await import('./better-sqlite3-driver.js').catch(notInstalled)
  if (!better) return undefined
  try {
    return better.openBetterSqlite3(filename)
  } catch (error) {
    if (!builtForAnotherNode(error) || !(await hasNodeSqlite())) throw error
    // Node keeps the failed addon: loading it again fails differently (not self-registered).
    builtForAnotherNodeSeen = true
    warnOnce(
      'sandbox: better-sqlite3 was built for another Node.js version (NODE_MODULE_VERSION ' +
        `mismatch; this Node ${process.version} needs ${process.versions.modules}); using ` +
        'node:sqlite instead. Fix: npm rebuild better-sqlite3.',
    )
    return undefined
  }
}

/** The error Node gives when a native addon was compiled for another NODE_MODULE_VERSION. */
function builtForAnotherNode(error: unknown): boolean {
  const message = String((error as Error | undefined)?.message ?? '')
  return message.includes('NODE_MODULE_VERSION')
}

async function hasNodeSqlite(): Promise<boolean> {
  return import('node:sqlite').then(
    () => true,
    () => false,
  )
}

let builtForAnotherNodeSeen = false
let warned = false
function warnOnce(line: string): void {
  if (warned) return
  warned = true
  process.stderr.write(`${line}\n`)
}

/** Undefined when a module (better-sqlite3, node:sqlite) is missing; other failures throw. */
function notInstalled(error: unknown): undefined {
  const code = (error as { code?: string }).code
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNKNOWN_BUILTIN_MODULE') return undefined
  throw error
}
