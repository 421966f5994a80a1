// @ts-check
// Child processes that leave nothing behind. Each one runs as the leader of its own process
// group, so that stopping it signals the whole group (a shell, pnpm, Prism's workers and
// whatever else a start script spawned), not just the direct child. Spawning is execa's job.
import { spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'

/** How much of each stream a handle keeps for assertions and error messages. */
const OUTPUT_LIMIT = 1024 * 1024

/**
 * The last OUTPUT_LIMIT characters of a stream. It is cut back only once it has grown to twice
 * the limit: each cut copies what it keeps, and a server that logs a line per request would
 * otherwise have the test process copy a mebibyte for every chunk it prints.
 */
function createTail() {
  let kept = ''
  return {
    /** @param {string} piece */
    append(piece) {
      kept += piece
      if (kept.length > 2 * OUTPUT_LIMIT) kept = kept.slice(-OUTPUT_LIMIT)
    },
    text: () => (kept.length > OUTPUT_LIMIT ? kept.slice(-OUTPUT_LIMIT) : kept),
  }
}

/**
 * @typedef {object} StartOptions
 * @property {string} [cwd]
 * @property {Record<string, string | undefined>} [env] Added to this process's environment,
 *   or the whole environment when `extendEnv` is false.
 * @property {boolean} [extendEnv] Inherit this process's environment (default true).
 * @property {string} [label] Names the process in error messages (default: the command).
 * @property {(line: string, stream: 'stdout' | 'stderr') => void} [onLine] Gets each line.
 */

/**
 * @typedef {object} Exit
 * @property {number | null} code
 * @property {string | null} signal
 */

/**
 * @typedef {object} ProcessHandle
 * @property {number} pid also the process group id
 * @property {string} label
 * @property {() => string} stdout everything it printed on stdout so far (up to 1 MiB)
 * @property {() => string} stderr
 * @property {() => boolean} running whether the leader has not exited yet
 * @property {() => Exit | undefined} exitStatus how it exited, once it has
 * @property {Promise<Exit>} exited resolves once it has exited and its output is read
 * @property {(pattern: RegExp, options?: { timeoutMs?: number, stream?: 'stdout' | 'stderr' }) => Promise<RegExpExecArray>} waitForOutput
 *   the first match in its output (both streams unless one is named); rejects with the output
 *   if the process exits first or the time runs out
 * @property {(signal: NodeJS.Signals) => void} signal signals the whole group
 * @property {(options?: { graceMs?: number }) => Promise<void>} stop SIGTERM to the group, then
 *   SIGKILL to whatever is left after `graceMs`; resolves when no process of the group is left
 */

/** @type {Set<ProcessHandle>} */
const live = new Set()

const killLive = () => {
  for (const handle of live) handle.signal('SIGKILL')
}

// A test run that ends early must not leave servers behind: one that exits (a failed assertion),
// one that is told to stop (Ctrl-C), and a vitest worker whose run is stopped (turbo stops the
// other tasks once one has failed).
// The groups are detached, so a signal to this process never reaches them by itself. After the
// groups, the signal is raised again, and does what it would have done without this listener.
process.once('exit', killLive)
// A test worker whose runner is stopped loses its IPC channel first, then dies without 'exit'.
process.once('disconnect', killLive)
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.once(signal, () => {
    // A program with its own listener (scripts/start.mjs) stops its servers gracefully itself,
    // then exits, and the 'exit' listener takes what is left.
    if (process.listenerCount(signal) > 0) return
    killLive()
    process.kill(process.pid, signal)
  })
}

/** @type {import('node:child_process').ChildProcess | undefined} */
let guardian

/**
 * Tells this process's guardian (guardian.js, started with the first group) that a group began
 * (`+`) or ended (`-`). The listeners above cannot run when this process is killed outright (a
 * SIGKILL, as turbo may send a task it stops); the guardian, in a group of its own, sees its pipe
 * from this process close and kills what is left. Neither it nor the pipe keeps this process up.
 * @param {'+' | '-'} change
 * @param {number} pgid
 */
function tellGuardian(change, pgid) {
  if (!guardian) {
    guardian = spawn(process.execPath, [fileURLToPath(new URL('./guardian.js', import.meta.url))], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    })
    guardian.unref()
    const pipe = /** @type {import('node:net').Socket} */ (guardian.stdin)
    // A pipe whose reader has gone must not throw in this process.
    pipe.on('error', () => {})
    pipe.unref()
  }
  guardian.stdin?.write(`${change}${pgid}\n`)
}

/**
 * Whether any process of the group is left (signal 0 to the negative pgid reaches the group).
 * @param {number} pgid
 */
export function groupAlive(pgid) {
  return isAlive(-pgid)
}

/** @param {number} pgid @param {NodeJS.Signals} signal */
function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal)
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * The child's whole environment: this process's (unless `extendEnv` is false) with `env` on top,
 * where a key set to `undefined` is removed rather than passed on as the text "undefined".
 * @param {{ env?: Record<string, string | undefined>, extendEnv?: boolean }} options
 * @returns {Record<string, string>}
 */
function environment({ env = {}, extendEnv = true }) {
  /** @type {Record<string, string | undefined>} */
  const merged = extendEnv ? { ...process.env, ...env } : { ...env }
  return Object.fromEntries(
    Object.entries(merged).filter(
      /** @returns {entry is [string, string]} */ (entry) => entry[1] !== undefined,
    ),
  )
}

/**
 * Starts a long-running process in its own process group and collects its output.
 * @param {string} command
 * @param {string[]} args
 * @param {StartOptions} [options]
 * @returns {ProcessHandle}
 */
export function startProcess(command, args, options = {}) {
  const label = options.label ?? command
  const child = execa(command, args, {
    cwd: options.cwd,
    env: environment(options),
    extendEnv: false,
    detached: true,
    cleanup: false,
    reject: false,
    buffer: false,
    stdin: 'ignore',
    stripFinalNewline: false,
  })
  if (child.pid === undefined) throw new Error(`${label}: could not start ${command}`)
  const pid = child.pid
  const tails = { stdout: createTail(), stderr: createTail(), both: createTail() }
  /** @type {Set<() => void>} */
  const listeners = new Set()

  /** @param {'stdout' | 'stderr'} stream */
  const collect = (stream) => {
    let partial = ''
    child[stream]?.on('data', (/** @type {Buffer} */ chunk) => {
      const piece = chunk.toString('utf8')
      tails[stream].append(piece)
      tails.both.append(piece)
      if (options.onLine) {
        const lines = (partial + piece).split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) options.onLine(line, stream)
      }
      for (const listener of listeners) listener()
    })
    child[stream]?.on('end', () => {
      if (options.onLine && partial) options.onLine(partial, stream)
    })
  }
  collect('stdout')
  collect('stderr')

  /** @type {Exit | undefined} */
  let status
  /** @type {Promise<Exit>} */
  const exited = child.then((result) => {
    status = { code: result.exitCode ?? null, signal: result.signal ?? null }
    live.delete(handle)
    tellGuardian('-', pid)
    for (const listener of listeners) listener()
    return status
  })

  /** @type {ProcessHandle} */
  const handle = {
    pid,
    label,
    stdout: tails.stdout.text,
    stderr: tails.stderr.text,
    running: () => status === undefined,
    exitStatus: () => status,
    exited,
    waitForOutput(pattern, { timeoutMs = 60_000, stream } = {}) {
      const source = tails[stream ?? 'both'].text
      // Compiled once, not per chunk. A copy without `g`: each check searches the output from
      // its start, and the caller's pattern (its lastIndex) is left alone.
      const matcher = new RegExp(pattern.source, pattern.flags.replace('g', ''))
      return new Promise((resolve, reject) => {
        const finish = (/** @type {() => void} */ settle) => {
          clearTimeout(timer)
          listeners.delete(check)
          settle()
        }
        const check = () => {
          const match = matcher.exec(source())
          if (match) finish(() => resolve(match))
          else if (status) {
            finish(() =>
              reject(
                new Error(`${label} exited before printing ${pattern}:\n${tails.both.text()}`),
              ),
            )
          }
        }
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(
                new Error(
                  `${label} printed no ${pattern} in ${timeoutMs} ms:\n${tails.both.text()}`,
                ),
              ),
            ),
          timeoutMs,
        )
        listeners.add(check)
        check()
      })
    },
    signal: (signal) => signalGroup(pid, signal),
    async stop({ graceMs = 5000 } = {}) {
      signalGroup(pid, 'SIGTERM')
      // Every member, not just the leader: a start script's shell exits at once while the
      // server it ran is still shutting its own children down.
      const deadline = Date.now() + graceMs
      while (groupAlive(pid) && Date.now() < deadline) await sleep(25)
      if (groupAlive(pid)) signalGroup(pid, 'SIGKILL')
      await exited
      while (groupAlive(pid)) await sleep(25)
    },
  }
  live.add(handle)
  tellGuardian('+', pid)
  return handle
}

/**
 * Runs a command to completion. Never rejects on a failed exit, so that a test asserts on the
 * code and the output.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string, string | undefined>, extendEnv?: boolean, timeoutMs?: number, input?: string }} [options]
 * @returns {Promise<{ code: number | null, signal: string | null, stdout: string, stderr: string, timedOut: boolean }>}
 */
export async function runProcess(command, args, options = {}) {
  const result = await execa(command, args, {
    cwd: options.cwd,
    env: environment(options),
    extendEnv: false,
    reject: false,
    timeout: options.timeoutMs ?? 120_000,
    stripFinalNewline: false,
    ...(options.input === undefined ? { stdin: 'ignore' } : { input: options.input }),
  })
  return {
    code: result.exitCode ?? null,
    signal: result.signal ?? null,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    timedOut: result.timedOut,
  }
}

/**
 * Runs a command to completion like runProcess, but throws when it exits with anything but 0,
 * the message ending with its stderr. `failure` is the message's first line (default: the
 * command line and the exit code).
 * @param {string} command
 * @param {string[]} args
 * @param {NonNullable<Parameters<typeof runProcess>[2]> & { failure?: string }} [options]
 */
export async function runOrThrow(command, args, { failure, ...options } = {}) {
  const result = await runProcess(command, args, options)
  if (result.code !== 0) {
    throw new Error(
      `${failure ?? `${command} ${args.join(' ')} failed (${result.code}):`}\n${result.stderr}`,
    )
  }
  return result
}

/** Stops every process started here that is still running (for a test's afterAll). */
export async function stopAllProcesses() {
  await Promise.all([...live].map((handle) => handle.stop()))
}

/**
 * The pids of every descendant of `pid`, children first (Linux `ps`): proof in tests that a
 * stop left no orphan.
 * @param {number} pid
 * @returns {Promise<number[]>}
 */
export async function descendantPids(pid) {
  const { stdout } = await runProcess('ps', ['-o', 'pid=', '--ppid', String(pid)])
  const children = stdout
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((child) => child > 0)
  const nested = await Promise.all(children.map(descendantPids))
  return children.flatMap((child, index) => [child, ...(nested[index] ?? [])])
}

/** @param {number} pid */
export function isAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
