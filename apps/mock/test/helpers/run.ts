import { type ChildProcess, spawn } from 'node:child_process'

export interface Run {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exited: Promise<number | null>
}

const runs: Run[] = []

/** Runs a Node script with extra environment, collecting its output. */
export function runNode(script: string, env: Record<string, string>): Run {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const run = { child, stdout: () => stdout, stderr: () => stderr, exited }
  runs.push(run)
  return run
}

/** Resolves with the first match of `pattern` in the run's stdout. */
export async function waitForOutput(run: Run, pattern: RegExp, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const match = pattern.exec(run.stdout())
    if (match) return match
    if (run.child.exitCode !== null) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`no ${pattern} in output:\n${run.stdout()}\n${run.stderr()}`)
}

/** For afterEach: kills any run a failed test left behind. */
export function killLeftoverRuns() {
  for (const run of runs.splice(0)) {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL')
  }
}
