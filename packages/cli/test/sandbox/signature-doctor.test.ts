// The sandbox's signature doctor through the CLI: a refused signature whose mistake the sandbox
// can name (a secret read with its line end, the secret a regenerated key had before) ends with
// exit 3, the mistake on stderr as `(hint: <code>)` and the server's explanation, and `hint` in
// the --json failure; a wrong secret it cannot explain has no hint. No secret is ever printed.
// And regenerate-secret, like deactivate and delete, refuses the key the CLI signs with.
import { describe, expect, it } from 'vitest'
import { configFilePath, writeCredentialsFile } from '../../src/config-file.js'
import { cli, cliProcess, expectNoSecret, jsonOf } from '../support/cli.js'
import { createKey, useSandboxSession } from '../support/sandbox-session.js'

const session = useSandboxSession()

const operationsSent = async () => (await session.control.listRequests()).map((r) => r.operation)

/** The --json failure's error object, after checking the document against the schema. */
function errorOf(run: { stdout: string; stderr: string; code: number | null }) {
  const document = jsonOf(run)
  expect(document).toMatchObject({ ok: false, exitCode: 3 })
  return document.error as Record<string, unknown>
}

describe('a refused signature the sandbox diagnoses', () => {
  it('names a profile secret saved with a trailing line feed: exit 3, hint secret-whitespace', async () => {
    writeCredentialsFile(configFilePath(session.home.env), {
      profiles: {
        pasted: {
          apiKey: session.sandbox.apiKey,
          apiSecret: `${session.sandbox.apiSecret}\n`,
          baseUrl: session.sandbox.url,
        },
      },
    })
    const run = await cli(['list', '--profile', 'pasted', '--json'], session.home.env)
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
    expectNoSecret(run.stdout + run.stderr, session.sandbox.apiSecret)
  })

  it('names SOLAPI_API_SECRET with a trailing CR LF, from the built bin', async () => {
    const run = await cliProcess(['get', session.sandbox.apiKey, '--json'], {
      ...session.env,
      SOLAPI_API_SECRET: `${session.sandbox.apiSecret}\r\n`,
    })
    expect(run.code, run.stderr).toBe(3)
    expect(run.stderr).toContain('403 SignatureDoesNotMatch (hint: secret-whitespace)')
    expect(run.stderr).toContain('a trailing CR LF')
    expect(errorOf(run).hint).toBe('secret-whitespace')
    expectNoSecret(run.stdout + run.stderr, session.sandbox.apiSecret)
  })

  it('names the secret a regenerated key had before: hint previous-secret', async () => {
    const other = await createKey(session.env)
    const renewed = await cli(
      ['regenerate-secret', other.apiKey, '--yes', '--json', '--show-secret'],
      session.env,
    )
    expect(renewed.code, renewed.stderr).toBe(0)
    const fresh = (jsonOf(renewed).credential as { apiSecret: string }).apiSecret

    const run = await cli(['list', '--json'], {
      ...session.env,
      SOLAPI_API_KEY: other.apiKey,
      SOLAPI_API_SECRET: other.apiSecret,
    })
    expect(run.code, run.stderr).toBe(3)
    expect(run.stderr).toContain('403 SignatureDoesNotMatch (hint: previous-secret)')
    expect(run.stderr).toContain(`the secret ${other.apiKey} had before regenerateSecretKey`)
    expect(errorOf(run)).toMatchObject({ hint: 'previous-secret' })
    expectNoSecret(run.stdout + run.stderr, other.apiSecret, fresh, session.sandbox.apiSecret)
  })

  it('gives no hint for a wrong secret that matches no known mistake', async () => {
    const wrong = 'Z'.repeat(32)
    const run = await cli(['list', '--json'], { ...session.env, SOLAPI_API_SECRET: wrong })
    expect(run.code).toBe(3)
    expect(run.stderr).toContain('403 SignatureDoesNotMatch')
    expect(run.stderr).not.toContain('(hint:')
    const error = errorOf(run)
    expect(error.errorCode).toBe('SignatureDoesNotMatch')
    expect(error).not.toHaveProperty('hint')
    expectNoSecret(run.stdout + run.stderr, wrong, session.sandbox.apiSecret)
  })
})

describe('regenerate-secret of the key the CLI signs with', () => {
  it('is refused (exit 2, nothing sent) unless --allow-self; with it, the old secret stops working', async () => {
    const refused = await cli(
      ['regenerate-secret', session.sandbox.apiKey, '--yes', '--json'],
      session.env,
    )
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(
      `--allow-self is needed to regenerate-secret ${session.sandbox.apiKey}: it is the key this command signs with (SOLAPI_API_KEY)`,
    )
    expect(jsonOf(refused)).toMatchObject({
      ok: false,
      exitCode: 2,
      error: { kind: 'usage', option: '--allow-self' },
    })
    expect(await operationsSent()).toEqual([])

    const allowed = await cli(
      [
        'regenerate-secret',
        session.sandbox.apiKey,
        '--yes',
        '--allow-self',
        '--json',
        '--show-secret',
      ],
      session.env,
    )
    expect(allowed.code, allowed.stderr).toBe(0)
    const fresh = (jsonOf(allowed).credential as { apiSecret: string }).apiSecret
    expect(fresh).not.toBe(session.sandbox.apiSecret)
    const stale = await cli(['list'], session.env)
    expect(stale.code).toBe(3)
    expect(stale.stderr).toContain('(hint: previous-secret)')
    expect((await cli(['list'], { ...session.env, SOLAPI_API_SECRET: fresh })).code).toBe(0)
  })
})
