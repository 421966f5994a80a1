// The sandbox's signature doctor through the CLI: a refused signature whose mistake the sandbox
// can name (a secret read with its line end, the secret a regenerated key had before) ends with
// exit 3, the mistake on stderr as `(hint: <code>)` and the server's explanation, and `hint` in
// the --json failure; a wrong secret it cannot explain has no hint. No secret is ever printed.
// And regenerate-secret, like deactivate and delete, refuses the key the CLI signs with.
import { createControlClient, type SandboxControl } from '@solapi/credentials-sandbox'
import { type RunningSandbox, startSandboxProcess } from '@solapi/devkit'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { configFilePath, writeCredentialsFile } from '../../src/config-file.js'
import { cli, cliProcess, expectNoSecret, type Home, jsonOf, makeHome } from '../support/cli.js'

let sandbox: RunningSandbox
let control: SandboxControl
let home: Home
let env: Record<string, string>

beforeAll(async () => {
  sandbox = await startSandboxProcess({ env: { LOG_LEVEL: 'silent' } })
  control = createControlClient({ baseUrl: sandbox.url, controlToken: sandbox.controlToken })
})
afterAll(async () => {
  await sandbox?.stop()
})
beforeEach(async () => {
  await control.resetSandbox()
  home = makeHome()
  env = {
    ...home.env,
    SOLAPI_BASE_URL: sandbox.url,
    SOLAPI_API_KEY: sandbox.apiKey,
    SOLAPI_API_SECRET: sandbox.apiSecret,
  }
})
afterEach(() => home.remove())

const operationsSent = async () => (await control.listRequests()).map((r) => r.operation)

/** A second active key of the account, made through the CLI itself. */
async function createKey(): Promise<{ apiKey: string; apiSecret: string }> {
  const run = await cli(['create', '--json', '--show-secret'], env)
  expect(run.code, run.stderr).toBe(0)
  return jsonOf(run).credential as { apiKey: string; apiSecret: string }
}

/** The --json failure's error object, after checking the document against the schema. */
function errorOf(run: { stdout: string; stderr: string; code: number | null }) {
  const document = jsonOf(run)
  expect(document).toMatchObject({ ok: false, exitCode: 3 })
  return document.error as Record<string, unknown>
}

describe('a refused signature the sandbox diagnoses', () => {
  it('names a profile secret saved with a trailing line feed: exit 3, hint secret-whitespace', async () => {
    writeCredentialsFile(configFilePath(home.env), {
      profiles: {
        pasted: {
          apiKey: sandbox.apiKey,
          apiSecret: `${sandbox.apiSecret}\n`,
          baseUrl: sandbox.url,
        },
      },
    })
    const run = await cli(['list', '--profile', 'pasted', '--json'], home.env)
    expect(run.code, run.stderr).toBe(3)
    expect(run.stderr).toMatch(
      /^solapi-credentials: getCredentialList 403 SignatureDoesNotMatch \(hint: secret-whitespace\): The signature was made with the apiSecret plus a trailing line feed/,
    )
    expect(errorOf(run)).toMatchObject({
      kind: 'refused',
      status: 403,
      errorCode: 'SignatureDoesNotMatch',
      hint: 'secret-whitespace',
      errorMessage: expect.stringContaining('trim the secret'),
    })
    expectNoSecret(run.stdout + run.stderr, sandbox.apiSecret)
  })

  it('names SOLAPI_API_SECRET with a trailing CR LF, from the built bin', async () => {
    const run = await cliProcess(['get', sandbox.apiKey, '--json'], {
      ...env,
      SOLAPI_API_SECRET: `${sandbox.apiSecret}\r\n`,
    })
    expect(run.code, run.stderr).toBe(3)
    expect(run.stderr).toContain('403 SignatureDoesNotMatch (hint: secret-whitespace)')
    expect(run.stderr).toContain('a trailing CR LF')
    expect(errorOf(run).hint).toBe('secret-whitespace')
    expectNoSecret(run.stdout + run.stderr, sandbox.apiSecret)
  })

  it('names the secret a regenerated key had before: hint previous-secret', async () => {
    const other = await createKey()
    const renewed = await cli(
      ['regenerate-secret', other.apiKey, '--yes', '--json', '--show-secret'],
      env,
    )
    expect(renewed.code, renewed.stderr).toBe(0)
    const fresh = (jsonOf(renewed).credential as { apiSecret: string }).apiSecret

    const run = await cli(['list', '--json'], {
      ...env,
      SOLAPI_API_KEY: other.apiKey,
      SOLAPI_API_SECRET: other.apiSecret,
    })
    expect(run.code, run.stderr).toBe(3)
    expect(run.stderr).toContain('403 SignatureDoesNotMatch (hint: previous-secret)')
    expect(run.stderr).toContain(`the secret ${other.apiKey} had before regenerateSecretKey`)
    expect(errorOf(run)).toMatchObject({ hint: 'previous-secret' })
    expectNoSecret(run.stdout + run.stderr, other.apiSecret, fresh, sandbox.apiSecret)
  })

  it('gives no hint for a wrong secret that matches no known mistake', async () => {
    const wrong = 'Z'.repeat(32)
    const run = await cli(['list', '--json'], { ...env, SOLAPI_API_SECRET: wrong })
    expect(run.code).toBe(3)
    expect(run.stderr).toContain('403 SignatureDoesNotMatch')
    expect(run.stderr).not.toContain('(hint:')
    const error = errorOf(run)
    expect(error.errorCode).toBe('SignatureDoesNotMatch')
    expect(error).not.toHaveProperty('hint')
    expectNoSecret(run.stdout + run.stderr, wrong, sandbox.apiSecret)
  })
})

describe('regenerate-secret of the key the CLI signs with', () => {
  it('is refused (exit 2, nothing sent) unless --allow-self; with it, the old secret stops working', async () => {
    const refused = await cli(['regenerate-secret', sandbox.apiKey, '--yes', '--json'], env)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(
      `--allow-self is needed to regenerate-secret ${sandbox.apiKey}: it is the key this command signs with (SOLAPI_API_KEY)`,
    )
    expect(jsonOf(refused)).toMatchObject({
      ok: false,
      exitCode: 2,
      error: { kind: 'usage', option: '--allow-self' },
    })
    expect(await operationsSent()).toEqual([])

    const allowed = await cli(
      ['regenerate-secret', sandbox.apiKey, '--yes', '--allow-self', '--json', '--show-secret'],
      env,
    )
    expect(allowed.code, allowed.stderr).toBe(0)
    const fresh = (jsonOf(allowed).credential as { apiSecret: string }).apiSecret
    expect(fresh).not.toBe(sandbox.apiSecret)
    const stale = await cli(['list'], env)
    expect(stale.code).toBe(3)
    expect(stale.stderr).toContain('(hint: previous-secret)')
    expect((await cli(['list'], { ...env, SOLAPI_API_SECRET: fresh })).code).toBe(0)
  })
})
