// GET /healthz: ready or not, for a load balancer; outside the Credentials API and the control API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSandbox, startSandbox } from '../../src/index.js'
import { LATEST_VERSION } from '../../src/storage/migrations.js'
import { backend, ownStore } from '../support/backend.js'

let sandbox: Awaited<ReturnType<typeof startSandbox>>
const logLines: string[] = []

beforeAll(async () => {
  sandbox = await startSandbox({
    ...(await ownStore()),
    control: false,
    logLevel: 'info',
    log: (line) => logLines.push(line),
  })
})
afterAll(() => sandbox.close())

describe('GET /healthz', () => {
  it('says ready, with the store and its schema version, with no token and the control API off', async () => {
    const response = await fetch(`${sandbox.url}/healthz`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({
      status: 'ready',
      database: backend === 'postgres' ? 'postgresql' : 'sqlite',
      schemaVersion: LATEST_VERSION,
    })
  })

  it('answers HEAD with no body, and other methods with 405 naming GET and HEAD', async () => {
    const head = await fetch(`${sandbox.url}/healthz`, { method: 'HEAD' })
    expect([head.status, await head.text()]).toEqual([200, ''])
    const post = await fetch(`${sandbox.url}/healthz`, { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
    expect(await post.json()).toEqual({
      errorCode: 'MethodNotAllowed',
      errorMessage: 'POST is not allowed on /healthz; use GET or HEAD.',
    })
  })

  it('stays out of the access log and the journal', async () => {
    logLines.length = 0
    for (let i = 0; i < 3; i++) await fetch(`${sandbox.url}/healthz`)
    await fetch(`${sandbox.url}/credentials/nope`, { method: 'POST' })
    expect(logLines.map((line) => JSON.parse(line).path)).toEqual(['/credentials/nope'])

    const handler = await createSandbox(await ownStore())
    try {
      const health = await handler.fetch(new Request('http://sandbox.invalid/healthz'))
      expect(health.status).toBe(200)
      await handler.fetch(new Request('http://sandbox.invalid/nope', { method: 'POST' }))
      expect((await handler.control.listRequests()).map((entry) => entry.path)).toEqual(['/nope'])
    } finally {
      await handler.close()
    }
  })
})
