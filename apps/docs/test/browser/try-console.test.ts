import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { freePort, startSandboxProcess } from '@solapi/devkit'
import type { Browser, Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveDocs } from '../../src/serve-docs.mjs'
import { appDir } from '../helpers/app.ts'
import { builtPagePath } from '../helpers/built-page.ts'
import { connectBrowser, newPage, sharedMock } from '../helpers/shared-servers.ts'
import { signingProblems } from '../helpers/signature-checker.ts'
import { operations, signing } from '../helpers/spec.ts'

// The "Try it" console in headless Chromium, against a real sandbox and a real mock: through the
// docs server's proxy (as `pnpm start` serves the page), and directly (the static page).
const outputDir = join(appDir, 'test-output')
const list = operations.find((op) => op.operationId === 'getCredentialList')
if (!list) throw new Error('the spec has no getCredentialList')

let browser: Browser
let sandbox: Awaited<ReturnType<typeof startSandboxProcess>>
const mock = sharedMock()

beforeAll(async () => {
  mkdirSync(outputDir, { recursive: true })
  ;[sandbox, browser] = await Promise.all([startSandboxProcess(), connectBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await sandbox?.stop()
})

/** A page that records every request it makes and every error it logs. */
async function openPage(url: string) {
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 } })
  const requests: Request[] = []
  const errors: string[] = []
  page.on('request', (request) => requests.push(request))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(String(error)))
  await page.goto(url, { waitUntil: 'networkidle' })
  return { page, requests, errors }
}

/** The console of an operation, once Redoc has rendered the operation's section. */
async function tryForm(page: Page, summary: string, operationId: string) {
  await page.evaluate((id) => {
    location.hash = `#/credentials/${id.toLowerCase()}`
  }, operationId)
  const form = page.getByRole('form', { name: `Try it: ${summary}` })
  await form.waitFor()
  return form
}

const statusOf = (form: ReturnType<Page['getByRole']>) =>
  form.locator('.solapi-try__status').textContent()

const posts = (requests: Request[]) => requests.filter((request) => request.method() === 'POST')

describe('the console, served by the docs server with the local servers (pnpm start)', () => {
  let docs: Awaited<ReturnType<typeof serveDocs>>
  let page: Page
  let requests: Request[]
  let errors: string[]

  beforeAll(async () => {
    docs = await serveDocs({
      port: 0,
      upstreams: { mock: mock.url, sandbox: sandbox.url },
      sandboxCredential: { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret },
    })
    ;({ page, requests, errors } = await openPage(`${docs.url}/`))
  })

  afterAll(async () => {
    await page?.close()
    await docs?.close()
  })

  it('is on every operation, and starts on the sandbox with its test credential', async () => {
    for (const op of operations) {
      const form = await tryForm(page, op.summary, op.operationId)
      expect(await form.getByLabel('Server', { exact: true }).inputValue()).toBe(
        'http://127.0.0.1:4011',
      )
      expect(await form.getByLabel('API key', { exact: true }).inputValue()).toBe(sandbox.apiKey)
      expect(await form.getByLabel('API secret', { exact: true }).inputValue()).toBe(
        sandbox.apiSecret,
      )
      expect(await form.getByLabel('Body', { exact: true }).inputValue()).toBe(
        JSON.stringify(op.requestExample, null, 2),
      )
      expect(await form.textContent()).toContain(
        'Never type a production secret into a page that someone else controls.',
      )
    }
  })

  it('shares server, key and secret between the consoles of all operations', async () => {
    const info = operations.find((op) => op.operationId === 'getCredentialInfo')
    if (!info) throw new Error('the spec has no getCredentialInfo')
    const first = await tryForm(page, list.summary, list.operationId)
    await first.getByLabel('API key', { exact: true }).fill('SHAREDKEY0000001')
    const second = await tryForm(page, info.summary, info.operationId)
    expect(await second.getByLabel('API key', { exact: true }).inputValue()).toBe(
      'SHAREDKEY0000001',
    )
    await second.getByLabel('API key', { exact: true }).fill(sandbox.apiKey)
    expect(await first.getByLabel('API key', { exact: true }).inputValue()).toBe(sandbox.apiKey)
  })

  it('sends a signed request to the sandbox and shows 200, the Date header and the body', async () => {
    const form = await tryForm(page, list.summary, list.operationId)
    const before = posts(requests).length
    await form.getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => statusOf(form)).toBe('200 OK')
    const text = (await form.getByRole('status').textContent()) ?? ''
    expect(text).toMatch(/Date\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT/)
    expect(text).toContain('Retry-After(not sent)')
    expect(text).toContain(`"${sandbox.apiKey}": {`)
    // The page signed it: the header that left is valid for the test credential.
    const [sent] = posts(requests).slice(before)
    expect(sent?.url()).toBe(`${docs.url}/servers/sandbox${list.path}`)
    const authorization = (await sent?.allHeaders())?.authorization
    expect(signingProblems(authorization, sandbox.apiKey, sandbox.apiSecret)).toEqual([])
    // ...and shows it with the signature masked.
    const shown = await form.locator('.solapi-try__authorization').textContent()
    expect(shown).toBe(authorization?.replace(/signature=[0-9a-f]+$/, 'signature=[redacted]'))
    expect(shown).toMatch(/, signature=\[redacted\]$/)
    await form.screenshot({ path: join(outputDir, 'try-console-200.png') })
  })

  it('shows 403 SignatureDoesNotMatch for a wrong secret', async () => {
    const form = await tryForm(page, list.summary, list.operationId)
    await form.getByLabel('API secret', { exact: true }).fill('WRONGSECRET000000000000000000000')
    await form.getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => statusOf(form)).toBe('403 SignatureDoesNotMatch')
    await form.getByLabel('API secret', { exact: true }).fill(sandbox.apiSecret)
  })

  it('refuses invalid JSON with the parse error, and sends nothing', async () => {
    const form = await tryForm(page, list.summary, list.operationId)
    const body = form.getByLabel('Body', { exact: true })
    const before = posts(requests).length
    await body.fill('{"apiKey": ')
    await form.getByRole('button', { name: 'Send' }).click()
    const alert = form.getByRole('alert')
    await expect
      .poll(() => alert.textContent())
      .toMatch(/^Body is not valid JSON, so nothing was sent: .*JSON/)
    expect(await body.getAttribute('aria-invalid')).toBe('true')
    expect(await body.evaluate((node) => node === document.activeElement)).toBe(true)
    await page.waitForTimeout(500)
    expect(posts(requests).length).toBe(before)
    await body.fill(JSON.stringify(list.requestExample, null, 2))
  })

  it('works with the keyboard alone; every field has its visible label as accessible name', async () => {
    const form = await tryForm(page, list.summary, list.operationId)
    const names = ['Server', 'API key', 'API secret', 'Body']
    for (const name of names) {
      const control = form.getByLabel(name, { exact: true })
      expect(await control.count()).toBe(1)
      const id = await control.getAttribute('id')
      expect(await form.locator(`label[for="${id}"]`).textContent()).toBe(name)
    }
    const snapshot = await form.ariaSnapshot()
    for (const line of [
      'combobox "Server"',
      'textbox "API key"',
      'textbox "API secret"',
      'textbox "Body"',
      'button "Send"',
    ]) {
      expect(snapshot).toContain(line)
    }

    // Tab goes through the fields in order, each showing where focus is.
    await form.getByLabel('Server', { exact: true }).focus()
    const visited: string[] = []
    for (let i = 0; i < 5; i++) {
      visited.push(
        await page.evaluate(() => {
          const focused = document.activeElement as HTMLElement
          const label = focused.id && document.querySelector(`label[for="${focused.id}"]`)
          const outline = getComputedStyle(focused).outlineStyle
          return `${label ? label.textContent : focused.textContent} (${outline})`
        }),
      )
      await page.keyboard.press('Tab')
    }
    expect(visited).toEqual([
      'Server (solid)',
      'API key (solid)',
      'API secret (solid)',
      'Body (solid)',
      'Send (solid)',
    ])

    // Choose the mock with the arrow keys, and send with Enter from the button.
    await form.getByLabel('Server', { exact: true }).focus()
    await page.keyboard.press('ArrowUp')
    expect(await form.getByLabel('Server', { exact: true }).inputValue()).toBe(
      'http://127.0.0.1:4010',
    )
    // The mock's credential (the spec's worked example) replaces the sandbox's.
    expect(await form.getByLabel('API key', { exact: true }).inputValue()).toBe(
      signing.workedExample.apiKey,
    )
    const before = posts(requests).length
    await form.getByRole('button', { name: 'Send' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => statusOf(form)).toBe('200 OK')
    expect(
      posts(requests)
        .slice(before)
        .map((request) => request.url()),
    ).toEqual([`${docs.url}/servers/mock${list.path}`])
    // Back to the sandbox: its test credential returns.
    await form.getByLabel('Server', { exact: true }).focus()
    await page.keyboard.press('ArrowDown')
    expect(await form.getByLabel('API key', { exact: true }).inputValue()).toBe(sandbox.apiKey)
  })

  it('keeps the key and secret in the page only: no storage, no cookie, not in the URL', async () => {
    const kept = await page.evaluate(() => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
      url: location.href,
    }))
    for (const value of Object.values(kept)) {
      expect(value).not.toContain(sandbox.apiSecret)
      expect(value).not.toContain(sandbox.apiKey)
    }
  })

  it('contacts no host but its own (the docs server forwards to the local servers)', () => {
    expect(posts(requests).length).toBeGreaterThan(0)
    const foreign = requests
      .map((request) => request.url())
      .filter((url) => !url.startsWith(`${docs.url}/`) && !/^(data|blob):/.test(url))
    expect(foreign).toEqual([])
  })

  it("logs no console errors but Chromium's own note of the 403 the wrong secret provoked", () => {
    expect(errors).toEqual([
      'Failed to load resource: the server responded with a status of 403 (Forbidden)',
    ])
  })
})

describe('the console on the static page (no docs server in front of the local servers)', () => {
  let docs: Awaited<ReturnType<typeof serveDocs>>
  let page: Page
  let requests: Request[]
  let errors: string[]
  let closedSandbox: string

  beforeAll(async () => {
    // The built page, with the spec's mock and sandbox URLs pointing at this test's mock and at
    // a port where nothing listens (as if the spec listed those).
    closedSandbox = `http://127.0.0.1:${await freePort()}`
    const dir = mkdtempSync(join(outputDir, 'static-'))
    cpSync(builtPagePath, join(dir, 'index.html'))
    const html = readFileSync(join(dir, 'index.html'), 'utf8')
      .replaceAll('http://127.0.0.1:4010', mock.url)
      .replaceAll('http://127.0.0.1:4011', closedSandbox)
    writeFileSync(join(dir, 'index.html'), html)
    docs = await serveDocs({ port: 0, root: dir })
    ;({ page, requests, errors } = await openPage(`${docs.url}/`))
  })

  afterAll(async () => {
    await page?.close()
    await docs?.close()
  })

  it('starts on the mock and calls it directly (Prism allows any origin), reading its Date', async () => {
    const form = await tryForm(page, list.summary, list.operationId)
    expect(await form.getByLabel('Server', { exact: true }).inputValue()).toBe(mock.url)
    await form.getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => statusOf(form)).toBe('200 OK')
    const text = (await form.getByRole('status').textContent()) ?? ''
    expect(text).toMatch(/Date\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT/)
    expect(text).toContain(`Sent to${mock.url}`)
    expect(text).toContain('"NCSOGH0TB3PDIGV1": {')
  })

  it('says why when a server cannot be reached from the page', async () => {
    const form = await tryForm(page, list.summary, list.operationId)
    await form.getByLabel('Server', { exact: true }).selectOption(closedSandbox)
    // No test credential without `pnpm start`: the fields are empty, and signing refuses that.
    expect(await form.getByLabel('API key', { exact: true }).inputValue()).toBe('')
    await form.getByRole('button', { name: 'Send' }).click()
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toBe('API key must be a non-empty string; nothing was sent.')
    await form.getByLabel('API key', { exact: true }).fill('NCSOGH0TB3PDIGV1')
    await form.getByLabel('API secret', { exact: true }).fill('UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B')
    await form.getByRole('button', { name: 'Send' }).click()
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toMatch(new RegExp(`^No answer from ${closedSandbox}: .*pnpm start`))
    // Chromium logs the refused connection itself; nothing else may be logged.
    const others = errors.filter((error) => !error.includes('net::ERR_CONNECTION_REFUSED'))
    expect(others).toEqual([])
  })

  it('contacts no host but its own and the selected servers', () => {
    const hosts = new Set(
      requests
        .map((request) => request.url())
        .filter((url) => !/^(data|blob):/.test(url))
        .map((url) => new URL(url).origin),
    )
    expect([...hosts].sort()).toEqual([docs.url, mock.url, closedSandbox].sort())
  })
})
