import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveDocs } from '../../src/serve-docs.mjs'
import { exchange, rawExchange } from './exchange.ts'
import { startRecordingUpstream } from './recording-upstream.ts'

// DNS rebinding: a page served to any Host hands the run's sandbox credential to whatever site
// re-points its name at 127.0.0.1. The docs server answers only its own names.

const credential = { apiKey: 'HOSTKEY000000001', apiSecret: 'HOSTSECRET000000000000000000001X' }
let upstream: Awaited<ReturnType<typeof startRecordingUpstream>>
let docs: Awaited<ReturnType<typeof serveDocs>>

beforeAll(async () => {
  upstream = await startRecordingUpstream()
  docs = await serveDocs({
    port: 0,
    upstreams: { sandbox: upstream.url },
    sandboxCredential: credential,
    hostNames: ['docs.example.com', 'docs.example.com:8443'],
  })
})

afterAll(async () => {
  await docs?.close()
  await upstream?.close()
})

describe('the Host names the docs server answers', () => {
  it('refuses Host: evil.example with 421, a text naming its hosts, and no credential', async () => {
    const answer = await exchange(docs.port, { path: '/', headers: { host: 'evil.example' } })
    expect(answer.status).toBe(421)
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(answer.body).toContain(
      `docs: this server answers only for the Host 127.0.0.1:${docs.port}, localhost:${docs.port}, [::1]:${docs.port}, docs.example.com, docs.example.com:8443`,
    )
    expect(answer.body).not.toContain(credential.apiSecret)
  })

  it('refuses a rebound name with the right port, the wrong port, and no Host at all', async () => {
    for (const host of [`evil.example:${docs.port}`, `127.0.0.1:${docs.port + 1}`, '127.0.0.1']) {
      const answer = await exchange(docs.port, { path: '/', headers: { host } })
      expect(answer.status, host).toBe(421)
    }
    // HTTP/1.0 may leave Host out.
    const raw = await rawExchange(docs.port, Buffer.from('GET / HTTP/1.0\r\n\r\n'))
    expect(raw).toMatch(/^HTTP\/1\.1 421 Misdirected Request\r\n/)
  })

  it('refuses two Host fields with 400 (RFC 9112 3.2), even when the first is its own, forwarding nothing', async () => {
    const before = upstream.received.length
    for (const path of ['/', '/servers/sandbox/credentials/getCredentialList']) {
      const raw = await rawExchange(
        docs.port,
        Buffer.from(
          `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${docs.port}\r\nHost: evil.example\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
        ),
      )
      expect(raw, path).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
      expect(raw, path).toMatch(/\r\ncontent-type: text\/plain; charset=utf-8\r\n/i)
      expect(raw, path).toMatch(/\r\nx-content-type-options: nosniff\r\n/i)
      expect(raw, path).toContain('docs: a request carries one Host header field, not several')
      expect(raw, path).not.toContain('evil.example')
    }
    expect(upstream.received.length).toBe(before)
  })

  it('forwards nothing for another Host', async () => {
    const before = upstream.received.length
    const answer = await exchange(docs.port, {
      method: 'POST',
      path: '/servers/sandbox/credentials/getCredentialList',
      headers: { host: 'evil.example', 'content-type': 'application/json' },
      body: '{}',
    })
    expect(answer.status).toBe(421)
    expect(upstream.received.length).toBe(before)
  })

  it('serves the page to its loopback names in any case, and to the configured names', async () => {
    for (const host of [
      `127.0.0.1:${docs.port}`,
      `localhost:${docs.port}`,
      `LOCALHOST:${docs.port}`,
      `[::1]:${docs.port}`,
      'docs.example.com',
      'docs.example.com:8443',
    ]) {
      const answer = await exchange(docs.port, { path: '/', headers: { host } })
      expect(answer.status, host).toBe(200)
      expect(answer.body).toContain(credential.apiSecret)
    }
  })
})
