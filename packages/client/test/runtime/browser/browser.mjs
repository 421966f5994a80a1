// The shared smoke suite in headless Chromium (Debian's, driven by playwright-core). A tiny static
// server serves the built dist/ and the ESM files of openapi-fetch and @noble/hashes (mapped by
// the page's import map); no bundler. Usage: node browser.mjs <prismUrl> <closedUrl>
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { credentials } from '@solapi/credentials-spec'
import { chromiumLaunchOptions } from '@solapi/devkit/chromium'
import { chromium } from 'playwright-core'

const packageDir = fileURLToPath(new URL('../../../', import.meta.url))
const ROUTES = {
  '/dist/': join(packageDir, 'dist'),
  '/test/runtime/': join(packageDir, 'test/runtime'),
  '/vendor/openapi-fetch/': join(packageDir, 'node_modules/openapi-fetch/dist'),
  '/vendor/noble-hashes/': join(packageDir, 'node_modules/@noble/hashes'),
}
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript' }

async function serve() {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname
    const prefix = Object.keys(ROUTES).find((p) => path.startsWith(p))
    const file =
      path === '/'
        ? join(packageDir, 'test/runtime/browser/index.html')
        : prefix && normalize(join(ROUTES[prefix], path.slice(prefix.length)))
    try {
      if (!file || (prefix && !file.startsWith(ROUTES[prefix]))) throw new Error('outside')
      const body = await readFile(await realpath(file))
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      })
      response.end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

export async function runBrowserSmoke(prismUrl, closedUrl) {
  const server = await serve()
  const profile = await mkdtemp(join(tmpdir(), 'credentials-client-chromium-'))
  const browser = await chromium.launchPersistentContext(profile, chromiumLaunchOptions)
  try {
    const page = await browser.newPage()
    await page.exposeFunction('parseAuthorization', (header) =>
      credentials.parseAuthorization(header),
    )
    const errors = []
    page.on('pageerror', (error) => errors.push(String(error)))
    const { port } = server.address()
    const query = new URLSearchParams({ prism: prismUrl, closed: closedUrl })
    await page.goto(`http://127.0.0.1:${port}/?${query}`)
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
    await new Promise((resolve) => server.close(resolve))
    await rm(profile, { recursive: true, force: true })
  }
}
