import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveDocs } from '../../src/serve-docs.mjs'
import { appDir } from '../helpers/app.ts'
import { connectBrowser, newPage } from '../helpers/shared-servers.ts'
import { operations } from '../helpers/spec.ts'

// The run's Chromium; each page in a new context of its own (an empty profile).
const outputDir = join(appDir, 'test-output')

let docs: Awaited<ReturnType<typeof serveDocs>>
let browser: Browser
let page: Page
const requests: string[] = []
const consoleErrors: string[] = []

beforeAll(async () => {
  mkdirSync(outputDir, { recursive: true })
  docs = await serveDocs({ port: 0 })
  browser = await connectBrowser()
  page = await newPage(browser, { viewport: { width: 1400, height: 1000 } })
  page.on('request', (request) => requests.push(request.url()))
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(String(error)))
  await page.goto(`${docs.url}/`, { waitUntil: 'networkidle' })
})

afterAll(async () => {
  await browser?.close()
  await docs?.close()
})

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** An operation's entry in the sidebar menu (its summary, then its method tag). */
function sidebarLink(summary: string) {
  return page
    .locator('[data-component-name="Menu/MenuItem"]')
    .getByRole('link', { name: new RegExp(`^${escapeRegExp(summary)}`) })
    .first()
}

/**
 * Waits until the page stops scrolling. Redoc scrolls to a section after a sidebar click; a menu
 * opened while it still scrolls stays where it opened, outside the viewport, and cannot be clicked.
 */
async function scrollSettled() {
  let last = Number.NaN
  await expect
    .poll(
      async () => {
        const y = await page.evaluate(() => window.scrollY)
        const still = y === last
        last = y
        return still
      },
      { interval: 150 },
    )
    .toBe(true)
}

/** The right-hand request panel of one operation: its header names the operation's path. */
function requestPanel(path: string) {
  return page
    .locator('[data-component-name="Panel/Panel"]')
    .filter({ has: page.locator('[data-component-name="Panel/PanelHeader"]', { hasText: path }) })
    .first()
}

describe('the docs page in headless Chromium', () => {
  it('shows the Authentication section: steps, worked example, the 403 codes, the secrets warning', async () => {
    await expect.poll(() => page.getByRole('heading', { name: 'Authentication' }).count()).toBe(1)
    const main = page.locator('main, [data-component-name="Layout/ThreePanelLayout"]').first()
    const text = (await main.textContent()) ?? ''
    // From the section's heading on: the intro mentions the word too.
    const start = text.indexOf('AuthenticationEvery request carries')
    expect(start).toBeGreaterThan(0)
    const authentication = text.slice(start)
    expect(authentication).toContain('Signing, step by step')
    expect(authentication).toContain(
      '557846d65110c3e128441d86a7ee12e20a7f749ef4b8bbed43cf5652d3b9f15e',
    )
    for (const code of [
      'InvalidAPIKey',
      'SignatureDoesNotMatch',
      'RequestTimeTooSkewed',
      'DuplicatedSignature',
    ]) {
      expect(authentication).toContain(code)
    }
    expect(authentication).toContain('Responses carry secrets')
    await expect
      .poll(() => page.getByRole('link', { name: 'Worked example' }).first().isVisible())
      .toBe(true)
    await page.screenshot({ path: join(outputDir, 'docs-authentication.png'), fullPage: true })
  })

  it('lists all six operations in the sidebar', async () => {
    await page.getByRole('link', { name: 'Credentials', exact: true }).first().click()
    for (const op of operations) {
      await expect.poll(() => sidebarLink(op.summary).isVisible()).toBe(true)
    }
  })

  for (const op of operations) {
    it(`renders ${op.operationId} with curl, TypeScript and Python sample tabs and a console`, async () => {
      await sidebarLink(op.summary).click()
      const heading = page
        .locator('h2')
        .filter({ hasText: new RegExp(`^${escapeRegExp(op.summary)}$`) })
      await expect.poll(() => heading.first().isVisible()).toBe(true)
      const panel = requestPanel(op.path)
      const code = panel.locator('[data-component-name="CodeBlock/CodeBlock"]')
      // The header's second dropdown is the language switch (the first one picks the server).
      const languageSwitch = panel
        .locator('[data-component-name="Dropdown/Dropdown"]')
        .nth(1)
        .getByRole('button')

      const tabs = [
        { label: 'curl', snippet: 'openssl dgst -sha256 -hmac' },
        { label: 'TypeScript', snippet: 'createCredentialsClient' },
        { label: 'Python', snippet: 'hmac.new(API_SECRET.encode()' },
      ]
      for (const tab of tabs) {
        await scrollSettled()
        await languageSwitch.click()
        // The open menu: the only visible menu items on the page (Redoc renders it in a portal).
        const items = page.getByRole('menuitem')
        await expect
          .poll(() => items.allInnerTexts())
          .toEqual(['curl', 'TypeScript', 'Python', 'Payload'])
        await items.filter({ hasText: tab.label }).click()
        await expect.poll(() => languageSwitch.textContent()).toBe(tab.label)
        await expect.poll(() => code.textContent()).toContain(tab.snippet)
        await expect.poll(() => code.textContent()).toContain(op.path)
      }
      // The "Try it" console sits under the samples, on the mock when nothing proxies.
      const console = page.getByRole('form', { name: `Try it: ${op.summary}` })
      await expect.poll(() => console.count()).toBe(1)
      expect(await console.getByLabel('Server', { exact: true }).inputValue()).toBe(
        'http://127.0.0.1:4010',
      )
      if (op.operationId === 'getCredentialInfo') {
        await page.screenshot({ path: join(outputDir, 'docs-operation.png') })
      }
    })
  }

  it('logs no console errors', () => {
    expect(consoleErrors).toEqual([])
  })

  it('requests nothing from any host but its own', () => {
    expect(requests.length).toBeGreaterThan(0)
    const foreign = requests.filter(
      (url) => !url.startsWith(`${docs.url}/`) && !/^(data|blob):/.test(url),
    )
    expect(foreign).toEqual([])
  })
})
