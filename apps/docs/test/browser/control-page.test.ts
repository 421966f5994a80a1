import { join } from 'node:path'
import { listOperations, sandboxControlDocument } from '@solapi/credentials-spec'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTROL_PAGE } from '../../redocly/docs-plugin.mjs'
import { serveDocs } from '../../src/serve-docs.mjs'
import { appDir } from '../helpers/app.ts'
import { connectBrowser, newPage } from '../helpers/shared-servers.ts'

let docs: Awaited<ReturnType<typeof serveDocs>>
let browser: Browser
let page: Page
const requests: string[] = []
const errors: string[] = []

beforeAll(async () => {
  docs = await serveDocs({ port: 0 })
  browser = await connectBrowser()
  page = await newPage(browser, { viewport: { width: 1400, height: 1000 } })
  page.on('request', (request) => requests.push(request.url()))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(String(error)))
  await page.goto(`${docs.url}/${CONTROL_PAGE}`, { waitUntil: 'networkidle' })
})

afterAll(async () => {
  await browser?.close()
  await docs?.close()
})

describe('the sandbox control API page in headless Chromium', () => {
  it('renders every operation of the control API', async () => {
    const summaries = listOperations(sandboxControlDocument).map((op) => op.summary ?? '')
    expect(summaries).toHaveLength(10)
    await page.getByRole('link', { name: 'Control', exact: true }).first().click()
    const menu = page.locator('[data-component-name="Menu/MenuItem"]')
    for (const summary of summaries) {
      await expect
        .poll(() => menu.getByRole('link', { name: summary }).first().isVisible())
        .toBe(true)
    }
    await menu.getByRole('link', { name: 'Add a fault rule' }).first().click()
    const heading = page.locator('h2').filter({ hasText: 'Add a fault rule' }).first()
    await expect.poll(() => heading.isVisible()).toBe(true)
    await heading.scrollIntoViewIfNeeded()
    await expect
      .poll(() => heading.evaluate((node) => node.getBoundingClientRect().top))
      .toBeLessThan(500)
    await page.screenshot({ path: join(appDir, 'test-output', 'control-page.png') })
  })

  it('logs no console errors and requests nothing from any other host', () => {
    expect(errors).toEqual([])
    const own = [`${docs.url}/`, `blob:${docs.url}/`]
    expect(requests.filter((url) => !own.some((prefix) => url.startsWith(prefix)))).toEqual([])
  })
})
