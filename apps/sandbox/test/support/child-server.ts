import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const APP_DIR = fileURLToPath(new URL('../..', import.meta.url))
const ROOT_MODULES = fileURLToPath(new URL('../../../../node_modules/', import.meta.url))

export type Runtime = 'node' | 'bun' | 'deno'

/**
 * The command each runtime's entry is started with (the package scripts use the same). The
 * root's `bun-bin`/`deno-bin` binaries are run directly, not through their npm shims, so that a
 * signal reaches the runtime itself; a `bun`/`deno` on PATH is the fallback.
 */
function commandFor(runtime: Runtime): [string, string[]] {
  const binary = (path: string, name: string) =>
    existsSync(`${ROOT_MODULES}${path}`) ? `${ROOT_MODULES}${path}` : name
  if (runtime === 'bun') return [binary('bun-bin/bin/bun.exe', 'bun'), ['dist/bun.js']]
  if (runtime === 'deno') {
    return [binary('deno-bin/deno', 'deno'), ['run', '-A', 'dist/deno.js']]
  }
  return [process.execPath, ['dist/node.js']]
}

export interface ChildServer {
  url: string
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves with the exit code (or signal name) once the process has gone. */
  exited: Promise<number | string>
  signal(signal: NodeJS.Signals): void
}

const running = new Set<ChildProcess>()

/**
 * Starts the real entry point as a child process in its own process group, on a free port
 * (PORT=0), and waits for its "listening" line.
 */
export async function startChild(options: {
  database: string
  env?: Record<string, string>
  runtime?: Runtime
}): Promise<ChildServer> {
  const [command, args] = commandFor(options.runtime ?? 'node')
  const child = spawn(command, args, {
    cwd: APP_DIR,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE: options.database,
      NO_COLOR: '1',
      ...options.env,
    },
  })
  running.add(child)
  let out = ''
  let err = ''
  child.stdout?.on('data', (chunk) => {
    out += chunk
  })
  child.stderr?.on('data', (chunk) => {
    err += chunk
  })
  const exited = new Promise<number | string>((resolve) => {
    // 'close', not 'exit': at 'exit' the last output may still be unread in the pipes.
    child.once('close', (code, signal) => {
      running.delete(child)
      resolve(code ?? signal ?? 'unknown')
    })
  })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in 20 s:\n${err}`)), 20_000)
    const check = () => {
      const match = /Sandbox listening on (http:\/\/\S+)/.exec(err)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stderr?.on('data', check)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`exited (${code}) before listening:\n${err}`))
    })
  })
  return {
    url,
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    signal: (signal) => {
      if (child.pid) process.kill(-child.pid, signal)
    },
  }
}

/** Runs an entry point that is expected to fail before listening; returns its output. */
export async function runToExit(options: { database: string; env?: Record<string, string> }) {
  const [command, args] = commandFor('node')
  const child = spawn(command, args, {
    cwd: APP_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATABASE: options.database, ...options.env },
  })
  running.add(child)
  let err = ''
  child.stderr?.on('data', (chunk) => {
    err += chunk
  })
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
  running.delete(child)
  return { code, stderr: err }
}

/** Kills every child process group still running (test teardown). */
export function killAllChildren(): void {
  for (const child of running) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  running.clear()
}
