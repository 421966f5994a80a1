// The SQLite library of the runtime, chosen when the sandbox starts and loaded only then, so that
// no runtime ever loads another's module: bun:sqlite on Bun, node:sqlite on Deno. On Node the
// built-in node:sqlite comes first wherever it loads silently, so that most installs need no
// native module at all. Where it still prints an ExperimentalWarning (which would land in the
// output of every test suite that starts a sandbox) better-sqlite3, an optional peer dependency
// the consumer installs for that, comes first; node:sqlite stays the fallback when better-sqlite3
// is missing or was built for another Node (a node_modules carried over from another Node).
import { currentRuntime } from '../../runtime/current-runtime.js'
import type { SqlDriver } from './sql-driver.js'

export const NO_SQLITE =
  'No SQLite library: this Node has no node:sqlite and better-sqlite3 is not installed. ' +
  'Fix: npm i -D better-sqlite3, or run on Node 22.13 or later, Bun or Deno.'

/** The code of the hint that follows Node's ExperimentalWarning for node:sqlite. */
export const NODE_SQLITE_HINT_CODE = 'SOLAPI_SANDBOX_SQLITE'

export const NODE_SQLITE_HINT =
  'the sandbox uses node:sqlite, which warns on this Node; npm i -D better-sqlite3 silences it ' +
  '(the sandbox then uses better-sqlite3).'

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
  if (better !== 'not installed' && better !== 'built for another Node') return better
  const builtin = await (better === 'not installed'
    ? hintingAtBetterSqlite3(() => import('./node-sqlite-driver.js'))
    : import('./node-sqlite-driver.js')
  ).catch(notInstalled)
  if (builtin) return builtin.openNodeSqlite(filename)
  throw new Error(NO_SQLITE)
}

/**
 * better-sqlite3's store; or why not: it is not installed, or its native module was built for
 * another Node and this Node has node:sqlite to fall back to (said once per process).
 */
async function openBetterSqlite3(
  filename: string,
): Promise<SqlDriver | 'not installed' | 'built for another Node'> {
  if (builtForAnotherNodeSeen) return 'built for another Node'
  const better = await import('./better-sqlite3-driver.js').catch(notInstalled)
  if (!better) return 'not installed'
  try {
    return better.openBetterSqlite3(filename)
  } catch (error) {
    if (!builtForAnotherNode(error) || !(await hasNodeSqlite())) throw error
    // Node keeps the failed addon: loading it again fails differently (not self-registered).
    builtForAnotherNodeSeen = true
    process.stderr.write(
      'sandbox: better-sqlite3 was built for another Node.js version (NODE_MODULE_VERSION ' +
        `mismatch; this Node ${process.version} needs ${process.versions.modules}); using ` +
        'node:sqlite instead. Fix: npm rebuild better-sqlite3.\n',
    )
    return 'built for another Node'
  }
}

/**
 * Loads node:sqlite; if Node warned that it is experimental, adds one warning naming how to
 * silence it. It goes through Node's own warnings, so that whatever the consumer chose for
 * those (--no-warnings, NODE_NO_WARNINGS=1, --disable-warning=SOLAPI_SANDBOX_SQLITE, a
 * 'warning' listener) applies to it too; and not when ExperimentalWarnings are disabled, since
 * then Node printed nothing to silence. Nothing of Node's own warning is changed or removed.
 */
async function hintingAtBetterSqlite3<T>(load: () => Promise<T>): Promise<T> {
  const onWarning = (warning: Error) => {
    if (hinted || warning.name !== 'ExperimentalWarning' || !/SQLite/.test(warning.message)) return
    hinted = true
    if (!experimentalWarningsDisabled()) {
      process.emitWarning(NODE_SQLITE_HINT, { code: NODE_SQLITE_HINT_CODE })
    }
  }
  process.on('warning', onWarning)
  try {
    return await load()
  } finally {
    // Node emits a warning on a later tick than the load that caused it.
    await new Promise((resolve) => setImmediate(resolve))
    process.off('warning', onWarning)
  }
}

/** --disable-warning=ExperimentalWarning, on the command line or in NODE_OPTIONS. */
function experimentalWarningsDisabled(): boolean {
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ')
  return /--disable-warning[= ]ExperimentalWarning\b/.test(flags)
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
let hinted = false

/** Undefined when a module (better-sqlite3, node:sqlite) is missing; other failures throw. */
function notInstalled(error: unknown): undefined {
  const code = (error as { code?: string }).code
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNKNOWN_BUILTIN_MODULE') return undefined
  throw error
}
