// The shared smoke suite in headless Chromium (Debian's, driven by playwright-core), on a page
// that static-server.mjs serves with the built dist/; no bundler.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { credentialsContract } from '@solapi/credentials-spec'
import { chromiumLaunchOptions } from '@solapi/devkit/chromium'
import { chromium } from 'playwright-core'
import { serveTestPage } from './static-server.mjs'

export async function runBrowserSmoke(prismUrl, closedUrl) {
  const server = await serveTestPage('index.html')
  const profile = await mkdtemp(join(tmpdir(), 'credentials-client-chromium-'))
  const browser = await chromium.launchPersistentContext(profile, chromiumLaunchOptions)
  try {
    const page = await browser.newPage()
    await page.exposeFunction('parseAuthorization', (header) =>
      credentialsContract.parseAuthorization(header),
    )
    const errors = []
    page.on('pageerror', (error) => errors.push(String(error)))
    const query = new URLSearchParams({ prism: prismUrl, closed: closedUrl })
    await page.goto(`${server.url}/?${query}`)
    await page
      .waitForFunction(() => window.smokeResults || null, null, { timeout: 30_000 })
      .catch(() => {
        throw new Error(`the page did not finish: ${errors.join('\n') || 'no page error'}`)
      })
    const results = await page.evaluate(() => window.smokeResults)
    const version = browser.browser()?.version() ?? 'chromium'
    return { version, results }
  } finally {
    await browser.close()
    await server.close()
    await rm(profile, { recursive: true, force: true })
  }
}
