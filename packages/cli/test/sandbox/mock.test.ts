// Every operation command against the Prism mock (the spec's examples, no state): each answer
// is printed in the documented --json shape, with the example's secret masked unless asked.
import { type RunningServer, startMock } from '@solapi/devkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, expectNoSecret, type Home, jsonOf, makeHome } from '../support/cli.js'

// The spec's example credential, which the mock's examples use.
const KEY = 'NCSOGH0TB3PDIGV1'
const SECRET = 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B'

let mock: RunningServer
let home: Home
let env: Record<string, string>
beforeAll(async () => {
  mock = await startMock()
  home = makeHome()
  env = { ...home.env, SOLAPI_BASE_URL: mock.url, SOLAPI_API_KEY: KEY, SOLAPI_API_SECRET: SECRET }
})
afterAll(async () => {
  home?.remove()
  await mock?.stop()
})

describe('against the mock', () => {
  it.each([
    ['list'],
    ['get', KEY],
    ['create'],
    ['regenerate-secret', KEY, '--yes', '--allow-self'],
    ['activate', 'NCSRPB685VXTOWLA'],
    ['deactivate', 'NCSRPB685VXTOWLA', '--yes'],
    ['delete', 'NCSRPB685VXTOWLA', '--yes'],
  ])('%s: exit 0, the documented JSON, no secret', async (...args) => {
    const run = await cli([...args, '--json'], env)
    expect(run.code, run.stderr).toBe(0)
    const document = jsonOf(run)
    expect(document).toMatchObject({ ok: true, command: args[0] })
    expectNoSecret(run.stdout + run.stderr, SECRET)
  })

  it('shows the example secret with --show-secret', async () => {
    const run = await cli(['get', KEY, '--json', '--show-secret'], env)
    expect(jsonOf(run).credential).toMatchObject({ apiKey: KEY, apiSecret: expect.any(String) })
  })
})
