// One sandbox per test file, reset before each test, with a fresh HOME whose environment signs
// with the sandbox's bootstrap credential: what every CLI test against the sandbox starts from.
import { createControlClient, type SandboxControl } from '@solapi/credentials-sandbox'
import { type RunningSandbox, startSandboxProcess } from '@solapi/devkit'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { cli, type Home, jsonOf, makeHome } from './cli.js'

export interface SandboxSession {
  sandbox: RunningSandbox
  control: SandboxControl
  home: Home
  /** HOME, SOLAPI_BASE_URL, SOLAPI_API_KEY and SOLAPI_API_SECRET for the CLI. */
  env: Record<string, string>
}

/** Registers the hooks; the session's fields are set once they have run. */
export function useSandboxSession(): SandboxSession {
  const session = {} as SandboxSession
  beforeAll(async () => {
    session.sandbox = await startSandboxProcess({ env: { LOG_LEVEL: 'silent' } })
    session.control = createControlClient({
      baseUrl: session.sandbox.url,
      controlToken: session.sandbox.controlToken,
    })
  })
  afterAll(async () => {
    await session.sandbox?.stop()
  })
  beforeEach(async () => {
    await session.control.resetSandbox()
    session.home = makeHome()
    session.env = {
      ...session.home.env,
      SOLAPI_BASE_URL: session.sandbox.url,
      SOLAPI_API_KEY: session.sandbox.apiKey,
      SOLAPI_API_SECRET: session.sandbox.apiSecret,
    }
  })
  afterEach(() => session.home.remove())
  return session
}

/** A second active key of the account, made through the CLI itself. */
export async function createKey(
  env: Record<string, string>,
): Promise<{ apiKey: string; apiSecret: string }> {
  const run = await cli(['create', '--json', '--show-secret'], env)
  expect(run.code, run.stderr).toBe(0)
  return jsonOf(run).credential as { apiKey: string; apiSecret: string }
}
