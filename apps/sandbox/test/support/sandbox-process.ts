// The sandbox's real entry points as processes, through the devkit (which owns every spawn of
// the repo): a server on a free port, or a start that is expected to fail.
import { fileURLToPath } from 'node:url'
import {
  type RunningSandbox,
  runProcess,
  runtimeCommand,
  startSandboxProcess,
} from '@solapi/devkit'

import { envFor } from './backend.js'

export const APP_DIR = fileURLToPath(new URL('../..', import.meta.url))

export type Runtime = 'node' | 'bun' | 'deno'

/** Only what a runtime needs from this process's environment: nothing of the test's leaks in. */
const BASE_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' }

/**
 * The entry of `runtime` on a free port with its own `database`, with `credential` as the
 * bootstrap (none given: the sandbox makes one up and prints it). A PostgreSQL database gets the
 * test master key, which it needs.
 */
export function startEntry(options: {
  database: string
  credential?: { apiKey: string; apiSecret: string }
  /** The control token (several instances behind one address share one); random otherwise. */
  controlToken?: string
  env?: Record<string, string>
  runtime?: Runtime
}): Promise<RunningSandbox> {
  return startSandboxProcess({
    runtime: options.runtime ?? 'node',
    database: options.database,
    extendEnv: false,
    ...options.credential,
    ...(options.controlToken ? { controlToken: options.controlToken } : {}),
    env: {
      ...BASE_ENV,
      ...envFor(options.database),
      ...(options.credential ? {} : { SANDBOX_API_KEY: undefined, SANDBOX_API_SECRET: undefined }),
      ...options.env,
    },
  })
}

/** Runs the Node entry to its end (a start that is expected to fail); its code and output. */
export function runToExit(options: { database: string; env?: Record<string, string> }) {
  const [command, args] = runtimeCommand('node', 'dist/bin.js')
  return runProcess(command, args, {
    cwd: APP_DIR,
    extendEnv: false,
    env: { ...BASE_ENV, PORT: '0', DATABASE: options.database, ...options.env },
  })
}
