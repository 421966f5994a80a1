// Every command against the real sandbox: the happy path, the refusals (before any request, and
// by the server), --json against the schema, secrets only on stdout and only when asked, the
// confirmation on a pseudo-terminal, and the exit codes.
import { chmodSync, readFileSync, statSync } from 'node:fs'
import { freePort } from '@solapi/devkit'
import { describe, expect, it } from 'vitest'
import { cli, cliOnTerminal, cliProcess, expectNoSecret, jsonOf } from '../support/cli.js'
import { createKey, useSandboxSession } from '../support/sandbox-session.js'

const session = useSandboxSession()

const operationsSent = async () => (await session.control.listRequests()).map((r) => r.operation)

describe('list and get', () => {
  it('prints a table with the secret masked; --json matches the schema and holds no secret', async () => {
    const table = await cli(['list'], session.env)
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/^apiKey +apiSecret +credentialStatus +dateCreated$/m)
    expect(table.stdout).toMatch(
      new RegExp(`^${session.sandbox.apiKey} +\\*{8} +active +\\S+$`, 'm'),
    )
    const json = await cli(['list', '--json'], session.env)
    const document = jsonOf(json)
    expect(document.credentials).toEqual([
      {
        apiKey: session.sandbox.apiKey,
        credentialStatus: 'active',
        dateCreated: expect.any(String),
      },
    ])
    for (const run of [table, json])
      expectNoSecret(run.stdout + run.stderr, session.sandbox.apiSecret)
  })

  it('shows a secret with --show-secret, on stdout only', async () => {
    const run = await cli(['get', session.sandbox.apiKey, '--json', '--show-secret'], session.env)
    expect(run.code).toBe(0)
    expect(jsonOf(run).credential).toMatchObject({
      apiKey: session.sandbox.apiKey,
      apiSecret: session.sandbox.apiSecret,
    })
    expect(run.stderr).toBe('')
  })

  it('filters by --status', async () => {
    const other = await createKey(session.env)
    expect((await cli(['deactivate', other.apiKey, '--yes'], session.env)).code).toBe(0)
    const active = jsonOf(await cli(['list', '--status', 'active', '--json'], session.env))
    const inactive = jsonOf(await cli(['list', '--status', 'inactive', '--json'], session.env))
    expect((active.credentials as { apiKey: string }[]).map((c) => c.apiKey)).toEqual([
      session.sandbox.apiKey,
    ])
    expect((inactive.credentials as { apiKey: string }[]).map((c) => c.apiKey)).toEqual([
      other.apiKey,
    ])
  })

  it("shows the server's errorCode and errorMessage for an unknown key: exit 3", async () => {
    const run = await cli(['get', 'AAAAAAAAAAAAAAAA', '--json'], session.env)
    expect(run.code).toBe(3)
    expect(run.stderr).toContain(
      'getCredentialInfo 404 ResourceNotFound: No credential with apiKey AAAAAAAAAAAAAAAA',
    )
    const document = jsonOf(run)
    expect(document).toMatchObject({ ok: false, command: 'get', exitCode: 3 })
    expect(document.error).toMatchObject({
      kind: 'refused',
      status: 404,
      errorCode: 'ResourceNotFound',
    })
  })
})

describe('refusals before any request', () => {
  it('refuses a bad key, a bad status and a secret option with exit 2, sending nothing', async () => {
    for (const args of [
      ['get', 'not-a-key'],
      ['list', '--status', 'paused'],
      ['deactivate', 'ncsogh0tb3pdigv1', '--yes'],
      ['list', '--api-secret', session.sandbox.apiSecret],
    ]) {
      const run = await cli(args, session.env)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stdout).toBe('')
      expectNoSecret(run.stderr, session.sandbox.apiSecret)
    }
    // The built bin, as a shell runs it, exits with the same code.
    const bin = await cliProcess(['get', 'not-a-key'], session.env)
    expect(bin.code).toBe(2)
    expect(bin.stderr).toBe(
      'solapi-credentials: <apiKey> must match ^[A-Z0-9]{16}$ (16 characters; rule: pattern), got "not-a-key"\n',
    )
    expect(await operationsSent()).toEqual([])
  })

  it('needs credentials: none at all is exit 2 and names the variables and login', async () => {
    const run = await cli(['list'], { ...session.home.env, SOLAPI_BASE_URL: session.sandbox.url })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(
      'set SOLAPI_API_KEY and SOLAPI_API_SECRET, or run `solapi-credentials login`',
    )
  })

  it('needs --yes off a terminal for delete, regenerate-secret and deactivate', async () => {
    const other = await createKey(session.env)
    for (const command of ['delete', 'regenerate-secret', 'deactivate']) {
      const run = await cli([command, other.apiKey], session.env)
      expect(run.code, command).toBe(2)
      expect(run.stderr).toContain(`--yes is needed to ${command} when not on a terminal`)
    }
    expect(await operationsSent()).toEqual(['createCredential'])
  })

  it('refuses to deactivate or delete the key it signs with unless --allow-self', async () => {
    for (const command of ['deactivate', 'delete']) {
      const run = await cli([command, session.sandbox.apiKey, '--yes'], session.env)
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(`--allow-self is needed to ${command} ${session.sandbox.apiKey}`)
    }
    expect(await operationsSent()).toEqual([])
    // With --allow-self the server has the last word: the account's last active key stays.
    const run = await cli(
      ['deactivate', session.sandbox.apiKey, '--yes', '--allow-self', '--json'],
      session.env,
    )
    expect(run.code).toBe(3)
    expect(jsonOf(run).error).toMatchObject({ status: 409, errorCode: 'LastActiveCredential' })
    expect(run.stderr).toContain('409 LastActiveCredential')
  })

  it('--dry-run prints the request with the signature redacted and sends nothing', async () => {
    const text = await cli(['delete', 'NCSOGH0TB3PDIGV1', '--dry-run'], session.env)
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(`POST ${session.sandbox.url}/credentials/deleteCredential`)
    expect(text.stdout).toMatch(
      new RegExp(
        `Authorization: HMAC-SHA256 apiKey=${session.sandbox.apiKey}, date=\\S+, salt=\\S+, signature=\\[redacted\\]`,
      ),
    )
    expect(text.stdout).toContain('{"apiKey":"NCSOGH0TB3PDIGV1"}')
    const json = jsonOf(
      await cli(['deactivate', 'NCSOGH0TB3PDIGV1', '--dry-run', '--json'], session.env),
    )
    expect(json.request).toMatchObject({
      body: { apiKey: 'NCSOGH0TB3PDIGV1', credentialStatus: 'inactive' },
    })
    expect(await operationsSent()).toEqual([])
  })
})

describe('changes', () => {
  it('create, regenerate-secret, deactivate, activate and delete, each checked by the server', async () => {
    const created = await cli(['create'], session.env)
    expect(created.code).toBe(0)
    const newKey = /^([A-Z0-9]{16}) +\*{8}/m.exec(created.stdout)?.[1] as string
    expect(created.stderr).toContain(`solapi-credentials get ${newKey} --show-secret`)
    const withSecret = jsonOf(await cli(['get', newKey, '--json', '--show-secret'], session.env))
    const secret = (withSecret.credential as { apiSecret: string }).apiSecret
    const asNew = { ...session.env, SOLAPI_API_KEY: newKey, SOLAPI_API_SECRET: secret }
    expect((await cli(['list'], asNew)).code).toBe(0)

    const regenerated = jsonOf(
      await cli(['regenerate-secret', newKey, '--yes', '--json', '--show-secret'], session.env),
    )
    const fresh = (regenerated.credential as { apiSecret: string }).apiSecret
    expect(fresh).not.toBe(secret)
    const stale = await cli(['list'], asNew)
    expect(stale.code).toBe(3)
    expect(stale.stderr).toContain('403 SignatureDoesNotMatch')

    const off = jsonOf(await cli(['deactivate', newKey, '--yes', '--json'], session.env))
    expect(off).toMatchObject({
      resultCode: 'Success',
      credential: { apiKey: newKey, credentialStatus: 'inactive' },
    })
    const refused = await cli(['list'], { ...asNew, SOLAPI_API_SECRET: fresh })
    expect(refused.stderr).toContain('403 InvalidAPIKey')
    expect(jsonOf(await cli(['activate', newKey, '--json'], session.env)).credential).toMatchObject(
      {
        credentialStatus: 'active',
      },
    )
    expect((await cli(['list'], { ...asNew, SOLAPI_API_SECRET: fresh })).code).toBe(0)

    const deleted = await cli(['delete', newKey, '--yes'], session.env)
    expect(deleted.stdout).toBe(`${newKey} is deleted (Success)\n`)
    expect((await cli(['get', newKey], session.env)).code).toBe(3)
    expect(await operationsSent()).toContain('deleteCredential')
  })

  it('asks on a terminal: "n" sends nothing (exit 7), "y" deletes', async () => {
    const other = await createKey(session.env)
    const no = await cliOnTerminal(['delete', other.apiKey], session.env, 'n')
    expect(no.stdout).toContain(
      `Delete a credential ${other.apiKey} on ${session.sandbox.url}? This cannot be undone. [y/N]`,
    )
    expect(no.code).toBe(7)
    expect((await cli(['get', other.apiKey], session.env)).code).toBe(0)
    const yes = await cliOnTerminal(['delete', other.apiKey], session.env, 'y')
    expect(yes.code).toBe(0)
    expect(yes.stdout).toContain(`${other.apiKey} is deleted`)
    expect((await cli(['get', other.apiKey], session.env)).code).toBe(3)
  })
})

describe('availability', () => {
  it('exits 4 when nothing answers, and when the server stays unavailable (503)', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`
    const refused = await cli(['list', '--base-url', closed], session.env)
    expect(refused.code).toBe(4)
    expect(refused.stderr).toContain(`cannot reach ${closed}`)
    await session.control.addFault({ operation: 'getCredentialList', times: 3, status: 503 })
    const unavailable = await cliProcess(['list', '--json'], session.env)
    expect(unavailable.code).toBe(4)
    expect(jsonOf(unavailable).error).toMatchObject({
      status: 503,
      errorCode: 'ServiceUnavailable',
    })
    expectNoSecret(unavailable.stdout + unavailable.stderr, session.sandbox.apiSecret)
  })
})

describe('profiles', () => {
  it('login reads the secret from stdin, checks it, and writes a 0600 profile that signs', async () => {
    const noEnv = { ...session.home.env }
    const login = await cli(
      [
        'login',
        '--profile',
        'sb',
        '--api-key',
        session.sandbox.apiKey,
        '--base-url',
        session.sandbox.url,
        '--json',
      ],
      noEnv,
      { input: `${session.sandbox.apiSecret}\n` },
    )
    expect(login.code, login.stderr).toBe(0)
    const { configFile } = jsonOf(login) as unknown as { configFile: string }
    expect(configFile).toBe(`${session.home.env.XDG_CONFIG_HOME}/solapi/credentials.json`)
    expect(statSync(configFile).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(configFile, 'utf8')).profiles.sb).toEqual({
      apiKey: session.sandbox.apiKey,
      apiSecret: session.sandbox.apiSecret,
      baseUrl: session.sandbox.url,
    })
    expectNoSecret(login.stdout + login.stderr, session.sandbox.apiSecret)

    const listed = await cli(['list', '--profile', 'sb', '--json'], noEnv)
    expect(listed.code).toBe(0)
    chmodSync(configFile, 0o644)
    const unsafe = await cli(['list', '--profile', 'sb'], noEnv)
    expect(unsafe.code).toBe(6)
    expect(unsafe.stderr).toContain('other users may read it (mode 0644): run chmod 600')
  })

  it('login refuses a secret the server does not accept, and saves nothing', async () => {
    const wrong = 'A'.repeat(32)
    const login = await cli(
      ['login', '--api-key', session.sandbox.apiKey, '--base-url', session.sandbox.url],
      session.home.env,
      {
        input: wrong,
      },
    )
    expect(login.code).toBe(3)
    expect(login.stderr).toContain('403 SignatureDoesNotMatch')
    expectNoSecret(login.stderr, wrong)
    const none = await cli(['list'], session.home.env)
    expect(none.code).toBe(2)
  })
})
