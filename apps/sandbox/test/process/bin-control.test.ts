// The bin's start-up lines and its control API switches, as a process.
import { stopAllProcesses } from '@solapi/devkit'
import { afterEach, describe, expect, it } from 'vitest'
import { backend, databaseFor } from '../support/backend.js'
import { startEntry } from '../support/sandbox-process.js'
import { TEST_CREDENTIAL } from '../support/signing.js'

afterEach(stopAllProcesses)

const reset = (url: string, token: string) =>
  fetch(`${url}/_sandbox/reset`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })

describe('the bin', () => {
  it('prints a new control token once, says the data is in memory (SQLite), and the token works', async () => {
    const server = await startEntry({
      database: await databaseFor(':memory:'),
      credential: TEST_CREDENTIAL,
      env: { SANDBOX_CONTROL_TOKEN: '' },
    })
    const output = server.process.stderr()
    const [, token] =
      /^Control API: http:\/\/127\.0\.0\.1:\d+\/_sandbox\/ with Authorization: Bearer (\S+) \(a new token each start, shown once\)$/m.exec(
        output,
      ) ?? []
    expect(token).toMatch(/^[\w-]{43}$/)
    expect(output.split(String(token))).toHaveLength(2)
    expect(
      output.includes(
        'Data is kept in memory and is gone when the sandbox stops; set DATABASE to a file to keep it.',
      ),
    ).toBe(backend === 'sqlite')
    expect(output.trim().split('\n').at(-1)).toMatch(/^Sandbox listening on http:\/\/\S+ \(node, /)
    expect((await reset(server.url, String(token))).status).toBe(204)
    expect(server.process.stdout()).not.toContain(String(token))
  })

  it('does not print a token from SANDBOX_CONTROL_TOKEN, and takes it', async () => {
    const server = await startEntry({
      database: await databaseFor(':memory:'),
      credential: TEST_CREDENTIAL,
    })
    expect(server.process.stderr()).not.toContain(server.controlToken)
    expect(server.process.stderr()).toMatch(/with Authorization: Bearer <SANDBOX_CONTROL_TOKEN>$/m)
    expect((await reset(server.url, server.controlToken)).status).toBe(204)
  })

  it('has no control API with SANDBOX_CONTROL=off', async () => {
    const server = await startEntry({
      database: await databaseFor(':memory:'),
      credential: TEST_CREDENTIAL,
      env: { SANDBOX_CONTROL: 'off' },
    })
    expect(server.process.stderr()).toContain('Control API off: SANDBOX_CONTROL=off.')
    const response = await reset(server.url, server.controlToken)
    expect([response.status, (await response.json()).errorCode]).toEqual([404, 'NotFound'])
  })

  it('has no control API on an address other machines reach, unless a token is set', async () => {
    const server = await startEntry({
      database: await databaseFor(':memory:'),
      credential: TEST_CREDENTIAL,
      env: { HOST: '0.0.0.0', SANDBOX_CONTROL_TOKEN: '' },
    })
    const output = server.process.stderr()
    expect(output).toContain(
      'Control API off: HOST 0.0.0.0 is not a loopback address and SANDBOX_CONTROL_TOKEN is not set.',
    )
    expect(output).not.toMatch(/Bearer/)
    const url = server.url.replace('0.0.0.0', '127.0.0.1')
    expect((await reset(url, server.controlToken)).status).toBe(404)
  })
})
