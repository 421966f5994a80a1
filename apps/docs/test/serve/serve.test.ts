import http from 'node:http'
import net from 'node:net'
import { freePort } from '@solapi/devkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configElement } from '../../src/console-config.mjs'
import { serveDocs } from '../../src/serve-docs.mjs'
import { builtPage } from '../helpers/built-page.ts'
import { startLocalServer } from '../helpers/local-server.ts'

let docs: Awaited<ReturnType<typeof serveDocs>>

beforeAll(async () => {
  docs = await serveDocs({ port: 0 })
})

afterAll(async () => {
  await docs?.close()
})

describe('serveDocs', () => {
  it('serves the built page at / as HTML', async () => {
    const response = await fetch(`${docs.url}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toBe(builtPage())
  })

  it('answers 404 for a file that is not there', async () => {
    const response = await fetch(`${docs.url}/nope.js`)
    expect(response.status).toBe(404)
  })

  it('refuses a busy port with an error naming it', async () => {
    await expect(serveDocs({ port: docs.port })).rejects.toMatchObject({ code: 'EADDRINUSE' })
    await expect(serveDocs({ port: docs.port })).rejects.toThrow(
      `docs: port ${docs.port} on 127.0.0.1 is already in use`,
    )
  })

  it('refuses to start without a build, saying what to run', async () => {
    await expect(serveDocs({ port: 0, root: '/nonexistent' })).rejects.toThrow('pnpm build')
  })

  it('closes its connections when stopped', async () => {
    const other = await serveDocs({ port: 0 })
    await fetch(`${other.url}/`)
    await other.close()
    const refused = await new Promise((resolve) => {
      const socket = net.connect(other.port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(false)
      })
      socket.once('error', () => resolve(true))
    })
    expect(refused).toBe(true)
  })
})

interface Received {
  method: string | undefined
  url: string | undefined
  headers: http.IncomingHttpHeaders
  body: string
}

/** An upstream that records what reaches it and answers with a status, a header and a body. */
async function startEchoUpstream() {
  const received: Received[] = []
  const server = await startLocalServer((request, body, response) => {
    received.push({ method: request.method, url: request.url, headers: request.headers, body })
    response.writeHead(429, 'Slow Down', { 'content-type': 'application/json', 'retry-after': '7' })
    response.end('{"errorCode":"TooManyRequests"}')
  })
  return { ...server, received }
}

describe('serveDocs with the local servers (pnpm start)', () => {
  const credential = { apiKey: 'TESTKEY000000001', apiSecret: 'TESTSECRET0000000000000000000001' }
  let upstream: Awaited<ReturnType<typeof startEchoUpstream>>
  let proxying: Awaited<ReturnType<typeof serveDocs>>
  let deadPort: number

  beforeAll(async () => {
    upstream = await startEchoUpstream()
    deadPort = await freePort()
    proxying = await serveDocs({
      port: 0,
      upstreams: { sandbox: upstream.url, mock: `http://127.0.0.1:${deadPort}` },
      sandboxCredential: credential,
    })
  })

  afterAll(async () => {
    await proxying?.close()
    await upstream?.close()
  })

  it('serves the page with the console config filled in, and never lets it be cached', async () => {
    const response = await fetch(`${proxying.url}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const expected = configElement({
      proxied: { mock: '/servers/mock', sandbox: '/servers/sandbox' },
      credentials: { sandbox: credential },
    })
    expect(await response.text()).toBe(builtPage().replace(configElement({}), expected))
  })

  it('forwards /servers/sandbox/* to the sandbox: method, path, query, headers, body and answer', async () => {
    const before = upstream.received.length
    const response = await fetch(
      `${proxying.url}/servers/sandbox/credentials/getCredentialList?x=1`,
      {
        method: 'POST',
        headers: {
          authorization: 'HMAC-SHA256 apiKey=K, date=D, salt=S, signature=X',
          'content-type': 'application/json',
          origin: proxying.url,
        },
        body: '{"a":1}',
      },
    )
    expect(response.status).toBe(429)
    expect(response.statusText).toBe('Slow Down')
    expect(response.headers.get('retry-after')).toBe('7')
    expect(await response.json()).toEqual({ errorCode: 'TooManyRequests' })
    const [request] = upstream.received.slice(before)
    expect(request).toMatchObject({
      method: 'POST',
      url: '/credentials/getCredentialList?x=1',
      body: '{"a":1}',
      headers: {
        authorization: 'HMAC-SHA256 apiKey=K, date=D, salt=S, signature=X',
        'content-type': 'application/json',
        host: new URL(upstream.url).host,
      },
    })
  })

  it('refuses a call from any other origin, and forwards nothing', async () => {
    const before = upstream.received.length
    const response = await fetch(`${proxying.url}/servers/sandbox/credentials/getCredentialList`, {
      method: 'POST',
      headers: { origin: 'http://attacker.example', 'content-type': 'application/json' },
      body: '{}',
    })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('only the docs page may call the sandbox')
    expect(upstream.received.length).toBe(before)
  })

  it('answers 502 naming the server when it is not running', async () => {
    const response = await fetch(`${proxying.url}/servers/mock/credentials/getCredentialList`, {
      method: 'POST',
      body: '{}',
    })
    expect(response.status).toBe(502)
    expect(await response.text()).toContain(
      `docs: the mock at http://127.0.0.1:${deadPort} is not answering`,
    )
  })

  it('forwards only below the prefix, and only to the servers it was given', async () => {
    expect((await fetch(`${proxying.url}/servers/sandbox`)).status).toBe(404)
    expect((await fetch(`${proxying.url}/servers/other/x`)).status).toBe(404)
    const before = upstream.received.length
    // A path that leaves the prefix once resolved is not forwarded (sent raw: fetch would
    // resolve it itself).
    const status = await new Promise((resolve, reject) => {
      http
        .get({ port: proxying.port, host: '127.0.0.1', path: '/servers/sandbox/../../index.html' })
        .on('response', (response) => {
          response.resume()
          resolve(response.statusCode)
        })
        .on('error', reject)
    })
    expect(status).toBe(200)
    expect(upstream.received.length).toBe(before)
  })

  it('refuses an upstream that is not an http URL, naming it', async () => {
    await expect(serveDocs({ port: 0, upstreams: { sandbox: 'localhost:4011' } })).rejects.toThrow(
      'docs: the sandbox URL must be an absolute http URL, got "localhost:4011"',
    )
  })
})
