import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { startSandboxProcess } from '@solapi/devkit'
import type { Browser, Page } from 'playwright-core'
import sirv from 'sirv'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { appDir } from '../helpers/app.ts'
import { connectBrowser, newPage } from '../helpers/shared-servers.ts'
import { operations } from '../helpers/spec.ts'

// The built page on a plain static host that is not this machine's loopback (its own network
// address, as a page on the internet or the office network would be), calling a sandbox on
// 127.0.0.1 that grants the page's origin CORS: Chromium's Private Network Access still blocks
// the call (a plain-http page may not reach a more private address), and the console says so
// rather than blaming CORS.
const list = operations.find((op) => op.operationId === 'getCredentialList')
if (!list) throw new Error('the spec has no getCredentialList')

/** This machine's first IPv4 address that is not loopback. */
function networkAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address
  if (!address) throw new Error('this test needs an IPv4 address other than loopback')
  return address
}

let browser: Browser
let sandbox: Awaited<ReturnType<typeof startSandboxProcess>>
let server: http.Server
let pageUrl: string
let page: Page

beforeAll(async () => {
  const assets = sirv(join(appDir, 'dist'), { dev: false })
  server = http.createServer((request, response) =>
    assets(request, response, () => {
      response.writeHead(404).end()
    }),
  )
  const host = networkAddress()
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  pageUrl = `http://${host}:${(server.address() as AddressInfo).port}`
  ;[sandbox, browser] = await Promise.all([
    // CORS is granted to the page: only Private Network Access is left in the way.
    startSandboxProcess({ env: { SANDBOX_CORS_ORIGINS: pageUrl } }),
    connectBrowser(),
  ])
  page = await newPage(browser, { viewport: { width: 1400, height: 1000 } })
  await page.goto(`${pageUrl}/`, { waitUntil: 'networkidle' })
})

afterAll(async () => {
  await browser?.close()
  await sandbox?.stop()
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
})

it('explains a call to this machine from a page elsewhere as Private Network Access', async () => {
  await page.evaluate((id) => {
    location.hash = `#/credentials/${id.toLowerCase()}`
  }, list.operationId)
  const form = page.getByRole('form', { name: `Try it: ${list.summary}` })
  await form.waitFor()
  await form.getByLabel('Server', { exact: true }).selectOption('custom')
  await form.getByLabel('Server URL', { exact: true }).fill(sandbox.url)
  await form.getByLabel('API key', { exact: true }).fill(sandbox.apiKey)
  await form.getByLabel('API secret', { exact: true }).fill(sandbox.apiSecret)
  await form.getByRole('button', { name: 'Send' }).click()
  const alert = form.getByRole('alert')
  await expect.poll(() => alert.textContent()).toMatch(/^No answer from /)
  expect(await alert.getAttribute('data-reason')).toBe('private-network-insecure')
  const text = (await alert.textContent()) ?? ''
  expect(text).toMatch(
    new RegExp(`^No answer from ${sandbox.url}: blocked by Private Network Access`),
  )
  expect(text).toContain(`this page (${pageUrl}) is plain http`)
  expect(text).not.toContain('refused by CORS')
  // The sandbox itself answers this origin: from Node, the same call is granted.
  const direct = await fetch(`${sandbox.url}${list.path}`, {
    method: 'OPTIONS',
    headers: {
      Origin: pageUrl,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,content-type',
    },
  })
  expect(direct.headers.get('access-control-allow-origin')).toBe(pageUrl)
})
