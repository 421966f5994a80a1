// `rotate` against the real sandbox: the happy path and a rerun, the sandbox's faults injected at
// each step (a 503, a dropped connection, a 429 with Retry-After), a createCredential whose
// answer is lost after the key was made, and the process killed between steps. Whatever
// happened, after --resume or --rollback the account holds exactly one active key, it signs, and
// no key was lost or made twice.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { FaultRule } from '@solapi/credentials-sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RotationState } from '../../src/rotation/state.js'
import { cli, cliOnTerminal, expectNoSecret, jsonOf, startCli } from '../support/cli.js'
import { type LossyProxy, startLossyProxy } from '../support/lossy-proxy.js'
import { useSandboxSession } from '../support/sandbox-session.js'

const session = useSandboxSession()
let proxy: LossyProxy

beforeAll(async () => {
  proxy = await startLossyProxy(session.sandbox.url)
})
// Registered after the session's, so it runs first: the proxy closes before the sandbox stops.
afterAll(async () => {
  await proxy?.close()
})

const keyFile = () => join(session.home.dir, 'new-key.env')
const statePath = () =>
  join(
    session.home.env.XDG_STATE_HOME as string,
    'solapi',
    'rotations',
    `${session.sandbox.apiKey}.json`,
  )
const readState = (): RotationState => JSON.parse(readFileSync(statePath(), 'utf8'))

function handedOver(): { apiKey: string; apiSecret: string } {
  const text = readFileSync(keyFile(), 'utf8')
  return {
    apiKey: /^SOLAPI_API_KEY=(\S+)$/m.exec(text)?.[1] as string,
    apiSecret: /^SOLAPI_API_SECRET=(\S+)$/m.exec(text)?.[1] as string,
  }
}

const rotate = (...extra: string[]) =>
  cli(
    [
      'rotate',
      session.sandbox.apiKey,
      '--write-file',
      keyFile(),
      '--delete-after',
      '0',
      '--json',
      ...extra,
    ],
    session.env,
  )

const createsSent = async () =>
  (await session.control.listRequests()).filter(
    (r) => r.operation === 'createCredential' && r.status === 200,
  ).length

/**
 * The account, listed with `expected`'s own credential (so it signs): exactly one key, active,
 * and it is `expected`; every other key this rotation touched is gone.
 */
async function expectOnlyKey(expected: { apiKey: string; apiSecret: string }) {
  const run = await cli(['list', '--json'], {
    ...session.env,
    SOLAPI_API_KEY: expected.apiKey,
    SOLAPI_API_SECRET: expected.apiSecret,
  })
  expect(run.code, run.stderr).toBe(0)
  expect(jsonOf(run).credentials).toEqual([
    { apiKey: expected.apiKey, credentialStatus: 'active', dateCreated: expect.any(String) },
  ])
}

const oldKey = () => ({ apiKey: session.sandbox.apiKey, apiSecret: session.sandbox.apiSecret })

describe('rotate', () => {
  it('creates, proves, hands over, deactivates and deletes; a rerun changes nothing', async () => {
    const run = await rotate()
    expect(run.code, run.stderr).toBe(0)
    const document = jsonOf(run)
    const rotation = document.rotation as {
      newApiKey: string
      steps: { name: string; status: string }[]
    }
    expect(rotation.steps.map((s) => `${s.name}:${s.status}`)).toEqual([
      'check-old:done',
      'list-before:done',
      'create:done',
      'verify:done',
      'handover:done',
      'deactivate-old:done',
      'delete-old:done',
    ])
    const fresh = handedOver()
    expect(fresh.apiKey).toBe(rotation.newApiKey)
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600)
    expect(statSync(statePath()).mode & 0o777).toBe(0o600)
    expect(readState()).toMatchObject({ status: 'completed' })
    expect(readState().newApiSecret).toBeUndefined()
    // Progress on stderr names every step and never a secret; stdout holds none either.
    expect(run.stderr).toContain('rotate: verify: done')
    expectNoSecret(run.stdout + run.stderr, fresh.apiSecret, session.sandbox.apiSecret)
    await expectOnlyKey(fresh)

    const again = await cli(['rotate', session.sandbox.apiKey, '--write-file', keyFile()], {
      ...session.env,
      ...{ SOLAPI_API_KEY: fresh.apiKey, SOLAPI_API_SECRET: fresh.apiSecret },
    })
    expect(again.code).toBe(0)
    expect(again.stderr).toContain(`was already rotated to ${fresh.apiKey}: nothing to do`)
    expect(await createsSent()).toBe(1)
    await expectOnlyKey(fresh)
  })

  it('without --delete-after keeps the old key inactive and prints the delete command', async () => {
    const run = await cli(['rotate', session.sandbox.apiKey, '--print'], session.env)
    expect(run.code, run.stderr).toBe(0)
    const apiKey = /^SOLAPI_API_KEY=(\S+)$/m.exec(run.stdout)?.[1] as string
    const apiSecret = /^SOLAPI_API_SECRET=(\S+)$/m.exec(run.stdout)?.[1] as string
    expect(run.stderr).toContain(`solapi-credentials delete ${session.sandbox.apiKey} --yes`)
    expectNoSecret(run.stderr, apiSecret)
    const listed = jsonOf(
      await cli(['list', '--json'], {
        ...session.env,
        SOLAPI_API_KEY: apiKey,
        SOLAPI_API_SECRET: apiSecret,
      }),
    )
    expect(listed.credentials).toEqual([
      expect.objectContaining({ apiKey: session.sandbox.apiKey, credentialStatus: 'inactive' }),
      expect.objectContaining({ apiKey, credentialStatus: 'active' }),
    ])
  })

  it('goes on only if the --exec command exits 0; the old key is untouched until then', async () => {
    const failed = await cli(
      ['rotate', session.sandbox.apiKey, '--exec', 'test -n "$SOLAPI_API_SECRET" && exit 9'],
      session.env,
    )
    expect(failed.code).toBe(5)
    expect(failed.stderr).toContain('the --exec command exited 9')
    expect(failed.stderr).toContain(`rotate ${session.sandbox.apiKey} --resume (or --rollback)`)
    expect(
      jsonOf(await cli(['get', session.sandbox.apiKey, '--json'], session.env)).credential,
    ).toMatchObject({
      credentialStatus: 'active',
    })
    const out = join(session.home.dir, 'exec-saw')
    const resumed = await cli(
      [
        'rotate',
        session.sandbox.apiKey,
        '--resume',
        '--delete-after',
        '0',
        '--exec',
        `printf '%s %s' "$SOLAPI_API_KEY" "$SOLAPI_API_SECRET" > ${out}`,
      ],
      session.env,
    )
    expect(resumed.code, resumed.stderr).toBe(0)
    const [apiKey, apiSecret] = readFileSync(out, 'utf8').split(' ') as [string, string]
    expect(apiKey).toBe(readState().newApiKey)
    await expectOnlyKey({ apiKey, apiSecret })
  })

  it('on a terminal, shows one progress line per step, replaced by its outcome', async () => {
    const run = await cliOnTerminal(
      ['rotate', session.sandbox.apiKey, '--write-file', keyFile(), '--delete-after', '0'],
      session.env,
      '',
    )
    expect(run.code, run.stdout).toBe(0)
    for (const step of [
      'check-old',
      'list-before',
      'create',
      'verify',
      'handover',
      'deactivate-old',
      'delete-old',
    ]) {
      expect(run.stdout).toContain(`\r\x1b[2K✓ ${step}: `)
    }
    expect(run.stdout).not.toContain('rotate: create: done')
    expectNoSecret(run.stdout, handedOver().apiSecret, session.sandbox.apiSecret)
  })

  it('refuses --resume with nothing to resume, and a rotation with no hand-over', async () => {
    expect((await cli(['rotate', session.sandbox.apiKey, '--resume'], session.env)).code).toBe(2)
    const none = await cli(['rotate', session.sandbox.apiKey], session.env)
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('--print, --write-file <path> or --exec <command>')
    expect(await createsSent()).toBe(0)
  })
})

// Each step's operation, and the rules that let the fault reach it (not an earlier request of
// the same operation): check-old and verify both send getCredentialInfo.
const STEPS: { step: string; operation: FaultRule['operation']; before?: FaultRule[] }[] = [
  { step: 'check-old', operation: 'getCredentialInfo' },
  { step: 'list-before', operation: 'getCredentialList' },
  { step: 'create', operation: 'createCredential' },
  {
    step: 'verify',
    operation: 'getCredentialInfo',
    before: [{ operation: 'getCredentialInfo', times: 1, delayMs: 1 }],
  },
  { step: 'deactivate-old', operation: 'updateCredentialStatus' },
  { step: 'delete-old', operation: 'deleteCredential' },
]
const CHANGES_NOTHING_BEFORE = new Set(['check-old', 'list-before'])

describe.each(STEPS)('a fault at $step', ({ step, operation, before = [] }) => {
  const inject = async (rule: FaultRule) => {
    for (const rule of before) await session.control.addFault(rule)
    await session.control.addFault({ ...rule, operation })
  }

  it("503 three times (past the client's retries): stops, then --resume finishes with the new key", async () => {
    await inject({ times: 3, status: 503 })
    const run = await rotate()
    // A 503 createCredential surely made nothing, so only later steps leave a partial rotation.
    const expected = CHANGES_NOTHING_BEFORE.has(step) || step === 'create' ? 4 : 5
    expect(run.code, run.stderr).toBe(expected)
    const failed = jsonOf(run)
    expect(failed.error).toMatchObject({ status: 503, errorCode: 'ServiceUnavailable' })
    expect(run.stderr).toContain(`rotate: ${step}: failed`)
    await session.control.clearFaults()
    const resumed = await rotate('--resume')
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(await createsSent()).toBe(1)
    await expectOnlyKey(handedOver())
  })

  it('a dropped connection three times: stops, then --rollback leaves the old key alone', async () => {
    await inject({ times: 3, drop: true })
    const run = await rotate()
    expect(run.code, run.stderr).toBe(CHANGES_NOTHING_BEFORE.has(step) ? 4 : 5)
    await session.control.clearFaults()
    const rolledBack = await cli(
      ['rotate', session.sandbox.apiKey, '--rollback', '--json'],
      session.env,
    )
    expect(rolledBack.code, rolledBack.stderr).toBe(0)
    expect(jsonOf(rolledBack).rotation).toMatchObject({ status: 'rolled-back' })
    await expectOnlyKey(oldKey())
    expect(readState().newApiSecret).toBeUndefined()
  })

  it('a 429 with Retry-After: the client waits and the rotation finishes in one run', async () => {
    await inject({ times: 1, status: 429, retryAfter: 1 })
    const run = await rotate()
    expect(run.code, run.stderr).toBe(0)
    expect(
      (await session.control.listRequests()).some(
        (r) => r.status === 429 && r.operation === operation,
      ),
    ).toBe(true)
    expect(await createsSent()).toBe(1)
    await expectOnlyKey(handedOver())
  })
})

describe('a createCredential whose answer is lost', () => {
  it('after the key was made: found by listing, adopted, never created twice', async () => {
    proxy.loseAnswers('createCredential', 1)
    const run = await cli(
      ['rotate', session.sandbox.apiKey, '--write-file', keyFile(), '--delete-after', '0'],
      { ...session.env, SOLAPI_BASE_URL: proxy.url },
    )
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toContain("createCredential's answer was lost: listing the keys to find out")
    expect(readState().log.map((e) => `${e.step}:${e.status}`)).toContain('create:uncertain')
    expect(readState().steps.create?.note).toContain('found by listing')
    expect(await createsSent()).toBe(1)
    await expectOnlyKey(handedOver())
  })

  it('dropped before anything was made: listed, found absent, then created once', async () => {
    await session.control.addFault({ operation: 'createCredential', times: 1, drop: true })
    const run = await rotate()
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toContain('no key was made: creating it again')
    expect(await createsSent()).toBe(1)
    await expectOnlyKey(handedOver())
  })
})

describe('the process killed between steps', () => {
  const waitFor = async (check: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 30_000
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the rotation to get there')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  const stepIs = (step: keyof RotationState['steps'], status: string) => () =>
    existsSync(statePath()) && readState().steps[step]?.status === status

  it('while createCredential is in flight: --resume lists first and makes one key', async () => {
    await session.control.addFault({ operation: 'createCredential', times: 1, delayMs: 3000 })
    const bin = startCli(
      ['rotate', session.sandbox.apiKey, '--write-file', keyFile(), '--delete-after', '0'],
      session.env,
    )
    await waitFor(stepIs('create', 'started'))
    // Killed once its createCredential is in the sandbox, held by the delay (the fault is used
    // up), not before the request has left: then the killed request is sure to make its key.
    await waitFor(async () => (await session.control.listFaults()).every((f) => f.remaining === 0))
    bin.signal('SIGKILL')
    await bin.exited
    // The sandbox cuts the delay short when its client goes away, and makes the key nobody hears
    // of. Resumed only once it has (else the order of the two is a race no client can win),
    // the rotation must find that key by listing, not make a second one.
    await waitFor(async () => (await createsSent()) > 0)
    const resumed = await rotate('--resume')
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(await createsSent()).toBe(1)
    await expectOnlyKey(handedOver())
  })

  it('during the hand-over: the same command again resumes it and finishes', async () => {
    const bin = startCli(
      ['rotate', session.sandbox.apiKey, '--exec', 'sleep 30', '--delete-after', '0'],
      session.env,
    )
    await waitFor(stepIs('handover', 'started'))
    bin.signal('SIGKILL')
    await bin.exited
    expect(
      jsonOf(await cli(['get', session.sandbox.apiKey, '--json'], session.env)).credential,
    ).toMatchObject({
      credentialStatus: 'active',
    })
    const rerun = await cli(
      ['rotate', session.sandbox.apiKey, '--write-file', keyFile(), '--delete-after', '0'],
      session.env,
    )
    expect(rerun.code, rerun.stderr).toBe(0)
    expect(rerun.stderr).toContain('resuming the rotation')
    expect(await createsSent()).toBe(1)
    await expectOnlyKey(handedOver())
  })

  it('Ctrl-C while waiting to delete: exit 130, the way to resume, and --resume finishes', async () => {
    const bin = startCli(
      ['rotate', session.sandbox.apiKey, '--write-file', keyFile(), '--delete-after', '60s'],
      session.env,
    )
    await waitFor(stepIs('deactivate-old', 'done'))
    await bin.waitForOutput(/waiting until/)
    bin.signal('SIGINT')
    expect((await bin.exited).code).toBe(130)
    expect(bin.stderr()).toContain(`rotate ${session.sandbox.apiKey} --resume (or --rollback)`)
    const resumed = await rotate('--resume')
    expect(resumed.code, resumed.stderr).toBe(0)
    await expectOnlyKey(handedOver())
  })

  it('while waiting to delete the old key: --rollback re-activates it and deletes the new one', async () => {
    const bin = startCli(
      ['rotate', session.sandbox.apiKey, '--write-file', keyFile(), '--delete-after', '60s'],
      session.env,
    )
    await waitFor(stepIs('deactivate-old', 'done'))
    bin.signal('SIGKILL')
    await bin.exited
    const rolledBack = await cli(['rotate', session.sandbox.apiKey, '--rollback'], session.env)
    expect(rolledBack.code, rolledBack.stderr).toBe(0)
    expect(readState().log.map((e) => `${e.step}:${e.status}`)).toEqual(
      expect.arrayContaining(['reactivate-old:done', 'delete-new:done']),
    )
    await expectOnlyKey(oldKey())
  })
})
