import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startSandboxProcess } from '@solapi/devkit'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTROL_PAGE } from '../../redocly/docs-plugin.mjs'
import { serveDocs } from '../../src/serve-docs.mjs'
import { appDir } from '../helpers/app.ts'
import { builtPagePath } from '../helpers/built-page.ts'
import { connectBrowser, newPage, sharedMock } from '../helpers/shared-servers.ts'
import { operations } from '../helpers/spec.ts'

// The docs server's Content-Security-Policy in headless Chromium: the pages and the "Try it"
// console work under it with not one violation, against a real sandbox and a real mock, and it
// is enforced (an injected inline script does not run; no other site can frame the page). A
// server URL the reader types reaches a sandbox on this machine; one on an origin the policy does
// not name is refused by the browser, which the console explains as such, until the docs server
// names it (connectOrigins, DOCS_CONNECT_ORIGINS).

const outputDir = join(appDir, 'test-output')
const list = operations.find((op) => op.operationId === 'getCredentialList')
if (!list) throw new Error('the spec has no getCredentialList')

let browser: Browser
let sandbox: Awaited<ReturnType<typeof startSandboxProcess>>
const mock = sharedMock()
let proxying: Awaited<ReturnType<typeof serveDocs>>
let staticDocs: Awaited<ReturnType<typeof serveDocs>>
/** A sandbox on another loopback address, 127.0.0.2, which the policy does not name. */
let elsewhere: Awaited<ReturnType<typeof startSandboxProcess>>
/** A docs server that names that sandbox's origin. */
let naming: Awaited<ReturnType<typeof serveDocs>>
/** The reference page from the proxying docs server, which every test of that page shares. */
let proxied: OpenedPage

beforeAll(async () => {
  mkdirSync(outputDir, { recursive: true })
  ;[sandbox, browser, elsewhere] = await Promise.all([
    startSandboxProcess(),
    connectBrowser(),
    startSandboxProcess({ host: '127.0.0.2' }),
  ])
  naming = await serveDocs({ port: 0, connectOrigins: [elsewhere.url] })
  proxying = await serveDocs({
    port: 0,
    upstreams: { mock: mock.url, sandbox: sandbox.url },
    sandboxCredential: { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret },
  })
  // The static page, its mock URL pointing at the run's mock, which it then calls directly.
  const dir = mkdtempSync(join(outputDir, 'csp-'))
  cpSync(builtPagePath, join(dir, 'index.html'))
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
  writeFileSync(join(dir, 'index.html'), html.replaceAll('http://127.0.0.1:4010', mock.url))
  staticDocs = await serveDocs({ port: 0, root: dir })
  proxied = await openPage(`${proxying.url}/`)
})

afterAll(async () => {
  await proxied?.page.close()
  await browser?.close()
  await Promise.all([proxying?.close(), staticDocs?.close(), naming?.close()])
  await Promise.all([sandbox?.stop(), elsewhere?.stop()])
})

interface Violation {
  directive: string
  blocked: string
  source: string
}

/**
 * Redoc's search probes whether it may build its index in a worker by calling `Function()` in
 * a try block; refused (the policy allows no eval), it builds the index in the page. Chromium
 * reports that refusal as a violation of the page itself; it is the only one the pages may have.
 */
const isRedocSearchProbe = (violation: Violation, pageUrl: string) =>
  violation.directive === 'script-src' &&
  violation.blocked === 'eval' &&
  violation.source === pageUrl

/** The violations but Redoc's search probe, which may come at most once. */
function unexpected(violations: Violation[], pageUrl: string) {
  const probes = violations.filter((violation) => isRedocSearchProbe(violation, pageUrl))
  expect(probes.length).toBeLessThanOrEqual(1)
  return violations.filter((violation) => !isRedocSearchProbe(violation, pageUrl))
}

/** A page that records every CSP violation (the DOM event) and every console error. */
async function openPage(url: string) {
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 } })
  const violations: Violation[] = []
  const errors: string[] = []
  await page.exposeFunction('__recordViolation', (violation: Violation) =>
    violations.push(violation),
  )
  // Injected by the browser itself, before any script of the page and outside its policy.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const record = (window as unknown as { __recordViolation: (v: unknown) => void })
        .__recordViolation
      record({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
      })
    })
  })
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(String(error)))
  const response = await page.goto(url, { waitUntil: 'networkidle' })
  return {
    page,
    violations,
    errors,
    policy: (await response?.allHeaders())?.['content-security-policy'],
  }
}

type OpenedPage = Awaited<ReturnType<typeof openPage>>

/**
 * What a page recorded from now on: tests that share one page (a load of the reference page is
 * the costliest step here) each judge only the violations and errors of their own steps.
 */
function fromNow({ violations, errors }: OpenedPage) {
  const [violationsBefore, errorsBefore] = [violations.length, errors.length]
  return {
    violations: () => violations.slice(violationsBefore),
    errors: () => errors.slice(errorsBefore),
  }
}

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

/** Chooses "Another server", types its URL and a credential, and sends. */
async function sendTo(
  form: ReturnType<Page['getByRole']>,
  url: string,
  { apiKey, apiSecret }: { apiKey: string; apiSecret: string },
) {
  await form.getByLabel('Server', { exact: true }).selectOption('custom')
  await form.getByLabel('Server URL', { exact: true }).fill(url)
  await form.getByLabel('API key', { exact: true }).fill(apiKey)
  await form.getByLabel('API secret', { exact: true }).fill(apiSecret)
  await form.getByRole('button', { name: 'Send' }).click()
}

describe('the reference page under its CSP, served with the local servers (pnpm start)', () => {
  it('renders, and its console calls the sandbox and the mock through the proxy, with no violation', async () => {
    const { page, policy } = proxied
    // From the page's load on: its own first render is judged here.
    const recorded = { violations: () => proxied.violations, errors: () => proxied.errors }
    expect(policy).toContain("script-src 'sha256-")
    const form = await tryForm(page, list.summary, list.operationId)
    await form.getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => statusOf(form)).toBe('200 OK')
    await form.getByLabel('Server', { exact: true }).selectOption('http://127.0.0.1:4010')
    await form.getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => form.getByRole('status').textContent()).toContain('"NCSOGH0TB3PDIGV1"')
    expect(await statusOf(form)).toBe('200 OK')
    expect(unexpected(recorded.violations(), `${proxying.url}/`)).toEqual([])
    expect(recorded.errors()).toEqual([])
  })

  it('blocks an inline script injected into the page, and reports it', async () => {
    const { page } = proxied
    const recorded = fromNow(proxied)
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script')
      script.textContent = 'window.__injected = true'
      document.body.append(script)
      await new Promise((resolve) => setTimeout(resolve, 100))
      return (window as unknown as { __injected?: boolean }).__injected === true
    })
    expect(ran).toBe(false)
    const blocked = () => unexpected(recorded.violations(), `${proxying.url}/`)
    await expect.poll(() => blocked().map((v) => v.directive)).toEqual(['script-src-elem'])
    expect(blocked()[0]?.blocked).toBe('inline')
  })

  it('cannot be framed by another origin', async () => {
    // about:blank, which has no policy of its own that could refuse the frame.
    const page = await newPage(browser)
    try {
      await page.setContent(`<iframe src="${proxying.url}/" width="400" height="300"></iframe>`)
      await page.waitForTimeout(1000)
      const frame = page.frames().find((candidate) => candidate !== page.mainFrame())
      // Chromium shows its own error page in place of a page that refuses to be framed.
      expect(frame?.url()).toBe('chrome-error://chromewebdata/')
    } finally {
      await page.close()
    }
  })
})

describe('the pages under their CSP, served as built', () => {
  it("lets the console call the spec's mock directly, with no violation", async () => {
    const { page, violations, errors } = await openPage(`${staticDocs.url}/`)
    try {
      const form = await tryForm(page, list.summary, list.operationId)
      expect(await form.getByLabel('Server', { exact: true }).inputValue()).toBe(mock.url)
      await form.getByRole('button', { name: 'Send' }).click()
      await expect.poll(() => statusOf(form)).toBe('200 OK')
      expect(unexpected(violations, `${staticDocs.url}/`)).toEqual([])
      expect(errors).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('renders the sandbox control page with no violation', async () => {
    const url = `${proxying.url}/${CONTROL_PAGE}`
    const { page, violations, errors } = await openPage(url)
    try {
      await page.getByRole('link', { name: 'Control', exact: true }).first().click()
      const menu = page.locator('[data-component-name="Menu/MenuItem"]')
      await menu.getByRole('link', { name: 'Add a fault rule' }).first().click()
      await page.locator('h2').filter({ hasText: 'Add a fault rule' }).first().waitFor()
      expect(unexpected(violations, url)).toEqual([])
      expect(errors).toEqual([])
    } finally {
      await page.close()
    }
  })
})

describe('a typed server URL under the policy of the docs server', () => {
  it('reaches a sandbox on this machine (127.0.0.1, another port), with no violation', async () => {
    const url = `${proxying.url}/`
    const { page } = proxied
    const recorded = fromNow(proxied)
    const form = await tryForm(page, list.summary, list.operationId)
    // Sending replaces the answer an earlier test left in the form at once.
    await sendTo(form, sandbox.url, sandbox)
    await expect.poll(() => statusOf(form)).toBe('200 OK')
    const answer = (await form.getByRole('status').textContent()) ?? ''
    expect(answer).toContain(`Sent to${sandbox.url}`)
    expect(answer).not.toContain('through this docs server')
    expect(unexpected(recorded.violations(), url)).toEqual([])
    expect(recorded.errors()).toEqual([])
  })

  it('is refused for an origin the policy does not name, and the console says so', async () => {
    const url = `${proxying.url}/`
    const { page } = proxied
    const recorded = fromNow(proxied)
    const form = await tryForm(page, list.summary, list.operationId)
    // A sandbox that answers there (the next test calls it) and [::1], which no policy can name.
    const ipv6 = sandbox.url.replace('127.0.0.1', '[::1]')
    for (const refused of [elsewhere.url, ipv6]) {
      await sendTo(form, refused, elsewhere)
      const alert = form.getByRole('alert')
      await expect.poll(() => alert.getAttribute('data-reason')).toBe('content-security-policy')
      const text = (await alert.textContent()) ?? ''
      expect(text).toBe(
        `No answer from ${refused}: blocked by this page’s Content-Security-Policy, so nothing ` +
          `was sent: this docs server lets the page connect only to ${proxying.url}, ` +
          'http://127.0.0.1:*, http://localhost:*, https://solapi.com. Pick one of those (for ' +
          'this machine, 127.0.0.1 or localhost), host the page statically (dist/index.html, ' +
          `which sets no policy), or start the docs server with DOCS_CONNECT_ORIGINS=${refused}.`,
      )
      expect(await form.locator('.solapi-try__status').count()).toBe(0)
    }
    // The only violations: the calls refused, and Redoc's probe.
    const refusals = unexpected(recorded.violations(), url)
    expect(refusals.length).toBeGreaterThan(0)
    for (const violation of refusals) {
      expect(violation.directive).toBe('connect-src')
      expect(
        [elsewhere.url, sandbox.url.replace('127.0.0.1', '[::1]')].some((origin) =>
          violation.blocked.startsWith(`${origin}/`),
        ),
      ).toBe(true)
    }
    for (const error of recorded.errors()) expect(error).toMatch(/Content Security Policy/)
  })

  it('reaches that origin once the docs server names it (connectOrigins), with no violation', async () => {
    const url = `${naming.url}/`
    const { page, violations, errors, policy } = await openPage(url)
    try {
      expect(policy).toContain(` ${elsewhere.url}`)
      const form = await tryForm(page, list.summary, list.operationId)
      await sendTo(form, elsewhere.url, elsewhere)
      await expect.poll(() => statusOf(form)).toBe('200 OK')
      expect(unexpected(violations, url)).toEqual([])
      expect(errors).toEqual([])
    } finally {
      await page.close()
    }
  })
})
