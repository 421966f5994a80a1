import { describe, expect, it } from 'vitest'
import { addressSpace, classify, explain, needsProbe } from '../../console/why-no-answer.ts'

// Which reason the console gives for a call with no readable answer, from the page's and the
// server's addresses and what the no-cors probe found. The CORS and unreachable cases also run
// in Chromium (static-host.test.ts); an https page on a public host, which Private Network
// Access and mixed content need, is not one a test on this machine can serve, so those are
// decided here.
const attempt = (page: string, server: string, proxied = false) => ({
  page: new URL(page),
  server,
  target: new URL(`${server}/credentials/getCredentialList`),
  proxied,
})

const hostedDocs = 'https://solapi.github.io/credentials-toolkit/'

describe('addressSpace', () => {
  it.each([
    ['localhost', 'loopback'],
    ['docs.localhost', 'loopback'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['[::1]', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.20', 'private'],
    ['169.254.1.1', 'private'],
    ['[fd12:3456::1]', 'private'],
    ['printer.local', 'private'],
    ['172.32.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['solapi.github.io', 'public'],
  ])('%s is %s', (host, space) => {
    expect(addressSpace(host)).toBe(space)
  })
})

describe('classify', () => {
  it('blames CORS when the server answered the probe, and reachability when it did not', () => {
    const local = attempt('http://127.0.0.1:8080/', 'http://127.0.0.1:4011')
    expect(needsProbe(local)).toBe(true)
    expect(classify(local, true)).toBe('cors')
    expect(classify(local, false)).toBe('unreachable')
    const remote = attempt(hostedDocs, 'https://solapi.com')
    expect(classify(remote, true)).toBe('cors')
    expect(classify(remote, false)).toBe('unreachable')
  })

  it('names Private Network Access for a public page calling this machine or its network', () => {
    const calls = [
      attempt(hostedDocs, 'http://127.0.0.1:4011'),
      attempt(hostedDocs, 'http://localhost:4011'),
      attempt('https://docs.example/', 'https://10.0.0.5:4011'),
    ]
    for (const call of calls) {
      expect(classify(call, true)).toBe('private-network')
      expect(classify(call, false)).toBe('private-network-or-unreachable')
    }
    // A plain-http page gets no further than the probe: Chrome blocks it before asking.
    expect(classify(attempt('http://docs.example/', 'http://10.0.0.5:4011'), false)).toBe(
      'private-network-insecure',
    )
    expect(classify(attempt('http://docs.example/', 'http://10.0.0.5:4011'), true)).toBe(
      'private-network',
    )
    // A page on the local network calling this machine is inward too; the other way is not.
    expect(classify(attempt('http://192.168.1.2:8080/', 'http://127.0.0.1:4011'), true)).toBe(
      'private-network',
    )
    expect(classify(attempt('http://127.0.0.1:8080/', 'http://192.168.1.2:4011'), true)).toBe(
      'cors',
    )
  })

  it('names mixed content for an https page calling a plain-http server that is not loopback', () => {
    const call = attempt(hostedDocs, 'http://192.168.1.2:4011')
    expect(needsProbe(call)).toBe(false)
    expect(classify(call)).toBe('mixed-content')
    expect(classify(attempt(hostedDocs, 'http://sandbox.example:4011'))).toBe('mixed-content')
    // Browsers take http://127.0.0.1 as secure: no mixed content, Private Network Access instead.
    expect(classify(attempt(hostedDocs, 'http://127.0.0.1:4011'), true)).toBe('private-network')
  })

  it('blames the docs server for a call through its proxy, without a probe', () => {
    const call = attempt('http://127.0.0.1:8080/', 'http://127.0.0.1:8080/servers/sandbox', true)
    expect(needsProbe(call)).toBe(false)
    expect(classify(call)).toBe('docs-server')
  })
})

describe('explain', () => {
  const sandbox = 'http://127.0.0.1:4011'

  it('tells how to grant the page origin for CORS and for Private Network Access', () => {
    const cors = explain('cors', attempt('http://localhost:5173/', sandbox))
    expect(cors).toMatch(/^No answer from http:\/\/127\.0\.0\.1:4011: refused by CORS: /)
    expect(cors).toContain('start it with SANDBOX_CORS_ORIGINS=http://localhost:5173 ')
    const pna = explain('private-network', attempt(hostedDocs, sandbox))
    expect(pna).toMatch(
      /^No answer from http:\/\/127\.0\.0\.1:4011: refused by Private Network Access: /,
    )
    expect(pna).toContain('Access-Control-Allow-Private-Network')
    expect(pna).toContain('SANDBOX_CORS_ORIGINS=https://solapi.github.io.')
  })

  it('tells how to start the sandbox when nothing answers', () => {
    for (const kind of [
      'unreachable',
      'private-network-or-unreachable',
      'private-network-insecure',
    ] as const) {
      expect(explain(kind, attempt(hostedDocs, sandbox))).toContain(
        'Start it with `npx @solapi/credentials-sandbox`',
      )
    }
    expect(explain('unreachable', attempt(hostedDocs, sandbox))).not.toContain('CORS')
  })

  it('says mixed content and the way around it', () => {
    const text = explain('mixed-content', attempt(hostedDocs, 'http://192.168.1.2:4011'))
    expect(text).toMatch(
      /^No answer from http:\/\/192\.168\.1\.2:4011: blocked by the browser as mixed content/,
    )
    expect(text).toContain('https URL')
  })
})
