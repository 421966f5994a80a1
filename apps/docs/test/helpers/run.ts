import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const appDir = fileURLToPath(new URL('../..', import.meta.url))
export const repoDir = fileURLToPath(new URL('../../../..', import.meta.url))

export interface Result {
  code: number
  stdout: string
  stderr: string
}

/** Runs a command to completion; never rejects, so a failure is asserted on, with its output. */
export function run(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: appDir, env: { ...process.env, ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}
