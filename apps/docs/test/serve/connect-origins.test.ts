import { join } from 'node:path'
import { freePort, runProcess, startProcess } from '@solapi/devkit'
import { describe, expect, it } from 'vitest'
import { serveDocs } from '../../src/serve-docs.mjs'
import { appDir } from '../helpers/app.ts'
import { exchange } from './exchange.ts'

// The origins a docs server lets the console call besides its own, this machine's and the
// spec's (connectOrigins, DOCS_CONNECT_ORIGINS): only origins are taken, and the start script
// passes them on. Whether Chromium then lets a typed URL through is for csp-browser.test.ts.

const serveScript = join(appDir, 'scripts/serve.mjs')

const connectSources = (policy: unknown) =>
  /connect-src ([^;]*)/.exec(String(policy))?.[1]?.split(' ') ?? []

describe('connectOrigins', () => {
  it.each([
    ['https://staging.example.com/docs', 'is not an origin: scheme, host and port only'],
    ['https://staging.example.com?x=1', 'is not an origin: scheme, host and port only'],
    ['ftp://files.example.com', 'is not an http or https origin'],
    ['staging.example.com', 'is not an http or https origin'],
    [
      'http://[::1]:4011',
      'cannot be allowed: browsers ignore IPv6 addresses in a Content-Security-Policy',
    ],
  ])('refuses "%s", naming it and the rule', async (origin, rule) => {
    const started = serveDocs({ port: 0, connectOrigins: [origin] })
    await expect(started).rejects.toThrow(`docs: connectOrigins: "${origin}" ${rule}`)
  })
})

describe('DOCS_CONNECT_ORIGINS (scripts/serve.mjs)', () => {
  it('adds the origins it lists to the connect-src of the reference page', async () => {
    const port = await freePort()
    const docs = startProcess(process.execPath, [serveScript], {
      label: 'docs',
      env: {
        PORT: String(port),
        DOCS_CONNECT_ORIGINS: ' https://staging.example.com , http://10.0.0.5:4011,',
      },
    })
    try {
      await docs.waitForOutput(/docs on http:\/\/127\.0\.0\.1:\d+/, { timeoutMs: 30_000 })
      const answer = await exchange(port, { path: '/' })
      expect(answer.status).toBe(200)
      expect(connectSources(answer.headers['content-security-policy']).slice(-2)).toEqual([
        'https://staging.example.com',
        'http://10.0.0.5:4011',
      ])
    } finally {
      await docs.stop()
    }
  })

  it('refuses to start with one that is no origin, naming the variable and the value', async () => {
    const port = await freePort()
    const run = await runProcess(process.execPath, [serveScript], {
      env: { PORT: String(port), DOCS_CONNECT_ORIGINS: 'https://staging.example.com/api' },
      timeoutMs: 30_000,
    })
    expect(run.code).toBe(1)
    expect(run.stderr.trim()).toBe(
      'docs: DOCS_CONNECT_ORIGINS: "https://staging.example.com/api" is not an origin: scheme, host and port only (https://staging.example.com)',
    )
  })
})
