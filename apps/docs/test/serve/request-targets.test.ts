import { freePort, type ProcessHandle, startWorkspaceScript } from '@solapi/devkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtPage } from '../helpers/built-page.ts'
import { exchange, rawExchange } from './exchange.ts'

// Odd request targets against the docs server as `pnpm --filter @solapi/credentials-docs start`
// runs it (its own process): each gets a 400 that names the rule, and the process lives on.

let docs: ProcessHandle
let port: number
let host: string

beforeAll(async () => {
  port = await freePort()
  host = `127.0.0.1:${port}`
  docs = startWorkspaceScript('@solapi/credentials-docs', 'start', {
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DOCS_HOST_NAMES: 'docs.example.com, docs.example.org:8443',
    },
  })
  await docs.waitForOutput(/SOLAPI Credentials API docs on http:\/\/\S+/, { timeoutMs: 30_000 })
})

afterAll(async () => {
  await docs?.stop()
})

async function expectPageServed() {
  expect(docs.running()).toBe(true)
  const page = await exchange(port, { path: '/', headers: { host } })
  expect(page.status).toBe(200)
  expect(page.body).toBe(builtPage())
}

describe('request targets the docs server refuses', () => {
  const refused: [string, string][] = [
    ['//[/x', 'the request target must not start with "//"'],
    ['//a:99999/x', 'the request target must not start with "//"'],
    ['//@/x', 'the request target must not start with "//"'],
    ['//%zz/x', 'the request target must not start with "//"'],
    ['http://[/x', 'the request target must be a path starting with "/" (origin-form)'],
    ['http://127.0.0.1/index.html', 'the request target must be a path starting with "/"'],
    ['/\\[/x', 'the request target must not contain "\\"'],
    ['/%zz/x', 'every "%" in the request target must start a percent-encoded UTF-8 character'],
    ['/%C0%AF', 'every "%" in the request target must start a percent-encoded UTF-8 character'],
  ]
  for (const [target, reason] of refused) {
    it(`answers ${target} with 400 naming the rule, and serves the page after it`, async () => {
      const answer = await exchange(port, { path: target, headers: { host } })
      expect(answer.status).toBe(400)
      expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8')
      expect(answer.body).toContain(`docs: ${reason}`)
      await expectPageServed()
    })
  }

  it('answers OPTIONS * (asterisk form) with 400, it names no page', async () => {
    const answer = await exchange(port, { method: 'OPTIONS', path: '*', headers: { host } })
    expect(answer.status).toBe(400)
    expect(answer.body).toContain('origin-form')
    await expectPageServed()
  })

  it('answers raw UTF-8 in the request line with a 400 that says why', async () => {
    const request = Buffer.from(
      `GET /한국어 HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
    )
    const answer = await rawExchange(port, request)
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
    expect(answer).toContain('docs: the request is not valid HTTP/1.1')
    await expectPageServed()
  })

  it('answers CONNECT (authority form) with 400: it is no proxy', async () => {
    const answer = await rawExchange(
      port,
      Buffer.from('CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n'),
    )
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
    expect(answer).toContain('CONNECT is not served')
    await expectPageServed()
  })

  it('answers both Transfer-Encoding and Content-Length (request smuggling) with 400', async () => {
    const answer = await rawExchange(
      port,
      Buffer.from(
        `POST /servers/sandbox/x HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n`,
      ),
    )
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
    expect(answer).toContain('docs: the request is not valid HTTP/1.1 (HPE_')
    await expectPageServed()
  })

  it('answers headers larger than Node reads with 431', async () => {
    const answer = await rawExchange(
      port,
      Buffer.from(`GET / HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
    )
    expect(answer).toMatch(/^HTTP\/1\.1 431 /)
    expect(answer).toContain('docs: the request headers are too large')
    await expectPageServed()
  })
})

describe('request targets the docs server answers', () => {
  it('answers a percent-encoded Korean path with a 404 naming it', async () => {
    const path = `/${encodeURIComponent('한국어 문서')}`
    const answer = await exchange(port, { path, headers: { host } })
    expect(answer.status).toBe(404)
    expect(answer.body).toBe(`docs: nothing at ${path}\n`)
  })

  it('serves the page for / with a query, and for /index.html after dot segments', async () => {
    for (const path of ['/?q=%ED%95%9C', '/a/../index.html', '/%2e%2e/index.html']) {
      const answer = await exchange(port, { path, headers: { host } })
      expect(answer.status).toBe(200)
      expect(answer.body).toBe(builtPage())
    }
  })

  it('answers anything but GET and HEAD on a page with 405', async () => {
    const answer = await exchange(port, { method: 'POST', path: '/', headers: { host }, body: '' })
    expect(answer.status).toBe(405)
    expect(answer.headers.allow).toBe('GET, HEAD')
    const head = await exchange(port, { method: 'HEAD', path: '/', headers: { host } })
    expect(head.status).toBe(200)
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(builtPage()))
  })
})

describe('the Host names of the start script', () => {
  it('answers its loopback names and those DOCS_HOST_NAMES lists, and 421 to any other', async () => {
    const statuses = await Promise.all(
      [host, 'docs.example.com', 'docs.example.org:8443', 'evil.example', 'docs.example.org'].map(
        async (name) => (await exchange(port, { path: '/', headers: { host: name } })).status,
      ),
    )
    expect(statuses).toEqual([200, 200, 200, 421, 421])
  })
})
