import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveDocs } from '../../src/serve-docs.mjs'
import { exchange } from './exchange.ts'
import { startRecordingUpstream } from './recording-upstream.ts'

// The headers every answer of the docs server carries, and the policy of its pages. Whether the
// page still works under that policy is for csp-browser.test.ts, in Chromium.

let upstream: Awaited<ReturnType<typeof startRecordingUpstream>>
let docs: Awaited<ReturnType<typeof serveDocs>>
let staticDocs: Awaited<ReturnType<typeof serveDocs>>
let connecting: Awaited<ReturnType<typeof serveDocs>>

beforeAll(async () => {
  upstream = await startRecordingUpstream()
  ;[docs, staticDocs, connecting] = await Promise.all([
    serveDocs({ port: 0, upstreams: { sandbox: upstream.url } }),
    serveDocs({ port: 0 }),
    serveDocs({
      port: 0,
      connectOrigins: [
        'https://staging.example.com',
        'http://10.0.0.5:4011/',
        'http://localhost:9',
      ],
    }),
  ])
})

afterAll(async () => {
  await Promise.all([docs?.close(), staticDocs?.close(), connecting?.close()])
  await upstream?.close()
})

/** A Content-Security-Policy header as directive name → its sources. */
function directives(header: string | string[] | undefined) {
  expect(typeof header).toBe('string')
  return new Map(
    String(header)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name = '', ...sources]) => [name, sources] as const),
  )
}

const expectCommonHeaders = (headers: Record<string, unknown>) => {
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['x-frame-options']).toBe('DENY')
  expect(headers['referrer-policy']).toBe('no-referrer')
  const csp = directives(headers['content-security-policy'] as string)
  expect(csp.get('frame-ancestors')).toEqual(["'none'"])
  expect(csp.get('default-src')).toEqual(["'none'"])
}

describe('the security headers of the docs server', () => {
  it('serves the pages with nosniff, no framing, no referrer and a policy of their own', async () => {
    const policies = new Set<string>()
    for (const [server, path] of [
      [docs, '/'],
      [staticDocs, '/'],
      [staticDocs, '/sandbox-control.html'],
    ] as const) {
      const answer = await exchange(server.port, { path })
      expect(answer.status).toBe(200)
      expectCommonHeaders(answer.headers)
      const csp = directives(answer.headers['content-security-policy'])
      // Only the hashes of the page's own scripts run: no inline script, eval or other host.
      const scripts = csp.get('script-src') ?? []
      expect(scripts.length).toBeGreaterThan(0)
      for (const source of scripts) expect(source).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/)
      expect(csp.get('base-uri')).toEqual(["'none'"])
      expect(csp.get('form-action')).toEqual(["'none'"])
      expect(csp.get('connect-src')?.[0]).toBe("'self'")
      policies.add(String(answer.headers['content-security-policy']))
    }
    // The two pages' scripts differ, and so do their hashes.
    expect(policies.size).toBe(2)
  })

  it("lets the reference page's console reach this machine and the spec's servers, and nothing else", async () => {
    for (const server of [staticDocs, docs]) {
      const answer = await exchange(server.port, { path: '/' })
      // The spec's http://127.0.0.1:4010 and :4011 are this machine's, allowed on any port.
      expect(directives(answer.headers['content-security-policy']).get('connect-src')).toEqual([
        "'self'",
        'http://127.0.0.1:*',
        'http://localhost:*',
        'https://solapi.com',
      ])
    }
  })

  it('adds the configured origins to that, and nothing to the page without a console', async () => {
    const page = await exchange(connecting.port, { path: '/' })
    expect(directives(page.headers['content-security-policy']).get('connect-src')).toEqual([
      "'self'",
      'http://127.0.0.1:*',
      'http://localhost:*',
      'https://solapi.com',
      'https://staging.example.com',
      'http://10.0.0.5:4011',
    ])
    const control = await exchange(connecting.port, { path: '/sandbox-control.html' })
    expect(directives(control.headers['content-security-policy']).get('connect-src')).toEqual([
      "'self'",
    ])
  })

  it('sends them with every other answer too: 404, 400, 421, 405 and proxied answers', async () => {
    const answers = await Promise.all([
      exchange(docs.port, { path: '/nope.js' }),
      exchange(docs.port, { path: '//[/x' }),
      exchange(docs.port, { path: '/', headers: { host: 'evil.example' } }),
      exchange(docs.port, { method: 'DELETE', path: '/' }),
      exchange(docs.port, {
        method: 'POST',
        path: '/servers/sandbox/credentials/getCredentialList',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    ])
    expect(answers.map((answer) => answer.status)).toEqual([404, 400, 421, 405, 200])
    for (const answer of answers) {
      expectCommonHeaders(answer.headers)
      expect(directives(answer.headers['content-security-policy']).get('script-src')).toBe(
        undefined,
      )
    }
  })

  it('lets the static page be revalidated (ETag, 304), and never caches the page with a credential', async () => {
    const first = await exchange(staticDocs.port, { path: '/' })
    expect(first.headers['cache-control']).toBe('no-cache')
    const etag = String(first.headers.etag)
    const again = await exchange(staticDocs.port, { path: '/', headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(again.body).toBe('')
    expect((await exchange(docs.port, { path: '/' })).headers['cache-control']).toBe('no-store')
  })
})
