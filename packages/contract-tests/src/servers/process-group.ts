// Servers run as the leader of their own process group, so that stopping one also stops the
// children its start script spawned (a shell, Prism's workers, ...): no orphans.
import { type ChildProcess, spawn } from 'node:child_process'

export interface ServerProcess {
  child: ChildProcess
  /** The last few KiB of stdout and stderr, for error messages. */
  output(): string
  /** Resolves once the process has exited. */
  exited: Promise<number | null>
  stop(): Promise<void>
}

const OUTPUT_LIMIT = 8 * 1024

export function spawnServer(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): ServerProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true, // leader of a new process group
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode)
    else child.once('exit', (code) => resolve(code))
    child.once('error', (error) => {
      keep(Buffer.from(String(error)))
      resolve(null)
    })
  })

  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return
    try {
      process.kill(-child.pid, signal)
    } catch {
      // The group is already gone.
    }
  }

  const groupAlive = () => {
    if (child.pid === undefined) return false
    try {
      process.kill(-child.pid, 0)
      return true
    } catch {
      return false
    }
  }

  return {
    child,
    output: () => output,
    exited,
    async stop() {
      // SIGTERM the whole group, then give every member (not just the leader: a start script's
      // shell exits at once while the server it ran is still shutting its own children down)
      // time to finish before anything left is killed.
      signalGroup('SIGTERM')
      const deadline = Date.now() + 5000
      while (groupAlive() && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      signalGroup('SIGKILL')
      await exited
    },
  }
}

/** Polls `url` until any HTTP response arrives; fails early if the process exits. */
export async function waitForHttp(
  url: string,
  server: ServerProcess,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let exitCode: number | null | undefined
  server.exited.then((code) => {
    exitCode = code
  })
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(
        `The server exited (code ${exitCode}) before answering ${url}.\n${server.output()}`,
      )
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) })
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  throw new Error(`No answer from ${url} within ${timeoutMs} ms.\n${server.output()}`)
}

/** Waits until `url` answers; a server that never does is stopped before the error is thrown. */
export async function waitOrStop(url: string, server: ServerProcess): Promise<void> {
  try {
    await waitForHttp(url, server)
  } catch (error) {
    await server.stop()
    throw error
  }
}
