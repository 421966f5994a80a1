import net from 'node:net'
import { credentialsContract } from '@solapi/credentials-spec'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveDocs } from '../../src/serve-docs.mjs'
import { builtPage } from '../helpers/built-page.ts'
import { exchange } from './exchange.ts'
import { startRecordingUpstream } from './recording-upstream.ts'

// What the docs proxy lets through to the local servers, and what it does with bodies that are
// too large, break off or never finish. The upstream is a recorder: the proxy is under test.

const limit = credentialsContract.limits.maxRequestBodyBytes
const path = '/servers/sandbox/credentials/getCredentialList'
let upstream: Awaited<ReturnType<typeof startRecordingUpstream>>
let docs: Awaited<ReturnType<typeof serveDocs>>
let host: string

beforeAll(async () => {
  upstream = await startRecordingUpstream((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      connection: 'x-upstream-hop',
      'x-upstream-hop': 'secret-of-this-hop',
      'x-request-id': 'req-1',
    })
    response.end(JSON.stringify({ note: '한국어 응답' }))
  })
  docs = await serveDocs({ port: 0, upstreams: { sandbox: upstream.url }, requestTimeoutMs: 1000 })
  host = `127.0.0.1:${docs.port}`
})

afterAll(async () => {
  await docs?.close()
  await upstream?.close()
})

const post = (body: string | Buffer | Buffer[], headers: Record<string, string | number> = {}) =>
  exchange(docs.port, {
    method: 'POST',
    path,
    headers: { host, 'content-type': 'application/json', ...headers },
    body,
  })

async function expectStillServing() {
  const page = await exchange(docs.port, { path: '/', headers: { host } })
  expect(page.status).toBe(200)
  expect(page.body.length).toBeGreaterThan(builtPage().length / 2)
}

describe('the headers the docs proxy forwards', () => {
  it('forwards Authorization, Content-Type and Accept, and no cookie, proxy or hop header', async () => {
    const before = upstream.received.length
    const answer = await post('{"a":1}', {
      authorization: 'HMAC-SHA256 apiKey=K, date=D, salt=S, signature=X',
      accept: 'application/json',
      cookie: 'session=do-not-forward',
      'proxy-authorization': 'Basic ZG86bm90',
      'x-forwarded-for': '203.0.113.9',
      'x-forwarded-host': 'evil.example',
      forwarded: 'for=203.0.113.9',
      'x-real-ip': '203.0.113.9',
      'user-agent': 'test',
      origin: `http://${host}`,
      referer: `http://${host}/`,
      connection: 'keep-alive, x-hop-secret',
      'x-hop-secret': 'named-by-connection',
      te: 'trailers',
      'keep-alive': 'timeout=5',
    })
    expect(answer.status).toBe(200)
    const [request] = upstream.received.slice(before)
    expect(request?.headers).toEqual({
      host: new URL(upstream.url).host,
      authorization: 'HMAC-SHA256 apiKey=K, date=D, salt=S, signature=X',
      'content-type': 'application/json',
      accept: 'application/json',
      'content-length': '7',
      // The proxy's own connection to the upstream, not the browser's header.
      connection: 'keep-alive',
    })
    expect(request?.body.toString()).toBe('{"a":1}')
  })

  it("keeps the upstream's hop-by-hop headers off the answer, and passes the rest", async () => {
    const answer = await post('{}')
    expect(answer.headers['x-upstream-hop']).toBeUndefined()
    expect(answer.headers['x-request-id']).toBe('req-1')
    expect(JSON.parse(answer.body)).toEqual({ note: '한국어 응답' })
  })

  it('forwards Korean text in the body and a percent-encoded Korean path byte for byte', async () => {
    const before = upstream.received.length
    const body = JSON.stringify({ memo: '안녕하세요, 세계' })
    const korean = `/servers/sandbox/${encodeURIComponent('자격증명')}?q=${encodeURIComponent('키')}`
    const answer = await exchange(docs.port, {
      method: 'POST',
      path: korean,
      headers: { host, 'content-type': 'application/json; charset=utf-8' },
      body,
    })
    expect(answer.status).toBe(200)
    const [request] = upstream.received.slice(before)
    expect(request?.url).toBe(korean.slice('/servers/sandbox'.length))
    expect(request?.body.toString('utf8')).toBe(body)
    expect(request?.headers['content-length']).toBe(String(Buffer.byteLength(body)))
  })
})

describe("the body limit (the spec's x-solapi-limits.maxRequestBodyBytes)", () => {
  it('forwards a body of exactly the limit', async () => {
    const before = upstream.received.length
    const answer = await post(Buffer.alloc(limit, 'a'))
    expect(answer.status).toBe(200)
    expect(upstream.received.slice(before)[0]?.body.length).toBe(limit)
  })

  it('answers 413 for a declared length over the limit before reading it, forwarding nothing', async () => {
    const before = upstream.received.length
    const answer = await post(Buffer.alloc(limit + 1, 'a'))
    expect(answer.status).toBe(413)
    expect(answer.body).toBe(
      `docs: the request body is larger than ${limit} bytes (the spec's x-solapi-limits.maxRequestBodyBytes); nothing was sent to the sandbox\n`,
    )
    expect(upstream.received.length).toBe(before)
    await expectStillServing()
  })

  it('answers 413 for a chunked body that grows past the limit, forwarding nothing', async () => {
    const before = upstream.received.length
    // No Content-Length: the proxy only learns the size as the chunks come.
    const chunks = Array.from({ length: 64 }, () => Buffer.alloc(1024, '한'))
    const answer = await post(chunks)
    expect(answer.status).toBe(413)
    expect(upstream.received.length).toBe(before)
    await expectStillServing()
  })

  it('survives a huge body (64 MiB declared) and answers 413 at once', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(docs.port, '127.0.0.1', () => {
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n`,
        )
        socket.write(Buffer.alloc(256 * 1024, 'x'))
      })
      let text = ''
      socket.on('data', (chunk) => {
        text += chunk
        if (text.includes('\r\n\r\n')) {
          socket.destroy()
          resolve(text)
        }
      })
      socket.on('error', reject)
    })
    expect(answer).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/)
    await expectStillServing()
  })

  it('answers 413 whole to a client that goes on sending its body, then closes', async () => {
    // Closing at once on a body still arriving resets the connection, and the reset can beat
    // the answer to the client: the client must read the whole 413 before any error.
    // Whether the close is then a reset or not is the kernel's: either way, the answer came first.
    const answer = await new Promise<string>((resolve) => {
      let text = ''
      const socket = net.connect(docs.port, '127.0.0.1', () => {
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${4 * 1024 * 1024}\r\n\r\n`,
        )
        const block = Buffer.alloc(64 * 1024, 'x')
        const pump = () => {
          while (!socket.destroyed && socket.write(block)) {}
        }
        socket.on('drain', pump)
        pump()
      })
      socket.setEncoding('utf8')
      socket.on('data', (chunk) => {
        text += chunk
      })
      socket.on('error', () => resolve(text))
      socket.on('close', () => resolve(text))
    })
    expect(answer).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/)
    expect(answer).toMatch(/nothing was sent to the sandbox\n$/)
    await expectStillServing()
  })
})

describe('bodies that break off or never finish', () => {
  it('forwards nothing for a body that breaks off, and serves on', async () => {
    const before = upstream.received.length
    await new Promise<void>((resolve) => {
      const socket = net.connect(docs.port, '127.0.0.1', () => {
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`,
        )
        setTimeout(() => {
          socket.destroy()
          resolve()
        }, 100)
      })
    })
    await expectStillServing()
    expect(upstream.received.length).toBe(before)
  })

  it('answers 408 to a body that does not arrive in time, and serves on', async () => {
    const before = upstream.received.length
    const started = Date.now()
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(docs.port, '127.0.0.1', () => {
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{"a`,
        )
      })
      let text = ''
      socket.on('data', (chunk) => {
        text += chunk
      })
      socket.on('close', () => resolve(text))
      socket.on('error', reject)
    })
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
    expect(answer).toContain('docs: the request was not sent in time')
    // requestTimeoutMs is 1 s here; Node looks for late requests every half of it.
    expect(Date.now() - started).toBeLessThan(5000)
    expect(upstream.received.length).toBe(before)
    await expectStillServing()
  })
})

describe('an upstream that does not answer', () => {
  it('answers 504 naming the server once upstreamTimeoutMs has passed', async () => {
    const silent = await startRecordingUpstream(() => {
      // never answers
    })
    const impatient = await serveDocs({
      port: 0,
      upstreams: { mock: silent.url },
      upstreamTimeoutMs: 300,
    })
    try {
      const answer = await exchange(impatient.port, {
        method: 'POST',
        path: '/servers/mock/credentials/getCredentialList',
        headers: { host: `127.0.0.1:${impatient.port}`, 'content-type': 'application/json' },
        body: '{}',
      })
      expect(answer.status).toBe(504)
      expect(answer.body).toBe(`docs: the mock at ${silent.url} gave no answer within 0.3 s\n`)
      expect(silent.received.length).toBe(1)
    } finally {
      await impatient.close()
      await silent.close()
    }
  })

  it('cuts the answer when the upstream breaks off mid-answer, and serves on', async () => {
    const breaking = await startRecordingUpstream((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      response.write('{"partial":')
      setTimeout(() => response.socket?.destroy(), 50)
    })
    const cutting = await serveDocs({ port: 0, upstreams: { sandbox: breaking.url } })
    try {
      await expect(
        exchange(cutting.port, {
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }),
      ).rejects.toThrow()
      const page = await exchange(cutting.port, { path: '/' })
      expect(page.status).toBe(200)
    } finally {
      await cutting.close()
      await breaking.close()
    }
  })
})
