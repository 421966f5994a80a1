import { credentialsContract } from '@solapi/credentials-spec'
import { afterAll, describe, expect, it } from 'vitest'
import {
  groupAlive,
  randomControlToken,
  startDocs,
  startMock,
  startPrism,
  startSandboxProcess,
  stopAllProcesses,
} from '../src/index.js'

afterAll(() => stopAllProcesses())

const example = credentialsContract.signing.workedExample
const authorization = credentialsContract.formatAuthorization({
  algorithm: 'HMAC-SHA256',
  apiKey: example.apiKey,
  date: example.date,
  salt: example.salt,
  signature: example.signatures['HMAC-SHA256'] ?? '',
})

function list(url: string, headers: Record<string, string> = { authorization }) {
  return fetch(`${url}/credentials/getCredentialList`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{}',
  })
}

describe('servers', () => {
  it('starts Prism on the bundled spec, answering its first named example', async () => {
    const prism = await startPrism()
    try {
      const response = await list(prism.url)
      expect(response.status).toBe(200)
      const [expected] = Object.values(
        credentialsContract.operation('getCredentialList').responses['200']?.content[
          'application/json'
        ]?.examples ?? {},
      )
      expect(await response.json()).toEqual(expected)
    } finally {
      await prism.stop()
    }
    expect(groupAlive(prism.process.pid)).toBe(false)
  })

  it('starts the mock app through its own start script', async () => {
    const mock = await startMock()
    try {
      expect((await list(mock.url)).status).toBe(200)
    } finally {
      await mock.stop()
    }
    expect(groupAlive(mock.process.pid)).toBe(false)
  })

  it('starts the sandbox with a made-up credential that it checks for real, and a control token', async () => {
    const sandbox = await startSandboxProcess()
    try {
      expect(sandbox.apiKey).toMatch(credentialsContract.limits.apiKey.pattern)
      const refused = await list(sandbox.url)
      expect(refused.status).toBe(403)
      expect((await refused.json()).errorCode).toBe('InvalidAPIKey')
      const clock = (token: string) =>
        fetch(`${sandbox.url}/_sandbox/clock`, { headers: { authorization: `Bearer ${token}` } })
      expect(sandbox.controlToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect((await clock(sandbox.controlToken)).status).toBe(200)
      expect((await clock(randomControlToken())).status).toBe(401)
    } finally {
      await sandbox.stop()
    }
    expect(groupAlive(sandbox.process.pid)).toBe(false)
  })

  it('starts the docs app through its own start script, forwarding to the upstream it is given', async () => {
    const sandbox = await startSandboxProcess()
    const docs = await startDocs({ upstreams: { sandbox: sandbox.url } })
    try {
      const page = await fetch(`${docs.url}/`)
      expect(page.status).toBe(200)
      expect(page.headers.get('content-type')).toMatch(/^text\/html/)
      expect(await page.text()).toContain('/servers/sandbox')
      // Unsigned, so the sandbox itself refuses it: proof that the docs forwarded it there.
      const forwarded = await list(`${docs.url}/servers/sandbox`, {})
      expect(forwarded.status).toBe(401)
      expect((await forwarded.json()).errorCode).toBeTypeOf('string')
    } finally {
      await docs.stop()
      await sandbox.stop()
    }
    expect(groupAlive(docs.process.pid)).toBe(false)
  })
})
