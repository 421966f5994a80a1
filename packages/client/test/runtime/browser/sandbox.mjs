// The sandbox cases (sandbox-cases.js) in Node and in headless Chromium, against one sandbox
// that devkit starts with its default settings. The page is on a third origin (its own static
// port, neither the sandbox's nor any docs page's), so every call is cross-origin and works
// only through the sandbox's CORS; the control API, which grants pages nothing, is called from
// Node for the page.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSandboxProcess } from '@solapi/devkit'
import { chromiumLaunchOptions } from '@solapi/devkit/chromium'
import { chromium } from 'playwright-core'
import * as lib from '../../../dist/index.js'
import { sandboxCases } from './sandbox-cases.js'
import { serveTestPage } from './static-server.mjs'

/** Calls the control API; throws with the status and errorCode of an error answer. */
function controlOf({ url, controlToken }) {
  return async (method, path, body) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${controlToken}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    if (!response.ok) {
      const code = text ? JSON.parse(text).errorCode : ''
      throw new Error(`control ${method} ${path}: ${response.status} ${code}`)
    }
    return text ? JSON.parse(text) : undefined
  }
}

async function runInNode(sandbox, control) {
  const env = { baseUrl: sandbox.url, ...credentialOf(sandbox), browser: false, control }
  const results = []
  for (const testCase of sandboxCases(lib, env)) {
    try {
      await testCase.run()
      results.push({ name: testCase.name, ok: true })
    } catch (error) {
      results.push({ name: testCase.name, ok: false, error: String(error?.stack ?? error) })
    }
  }
  return results
}

const credentialOf = ({ apiKey, apiSecret }) => ({ apiKey, apiSecret })

async function runInChromium(sandbox, control) {
  const server = await serveTestPage('sandbox.html')
  const profile = await mkdtemp(join(tmpdir(), 'credentials-client-chromium-'))
  const browser = await chromium.launchPersistentContext(profile, chromiumLaunchOptions)
  try {
    const page = await browser.newPage()
    await page.exposeFunction('sandboxEnv', () => ({
      baseUrl: sandbox.url,
      ...credentialOf(sandbox),
    }))
    await page.exposeFunction('sandboxControl', control)
    const errors = []
    page.on('pageerror', (error) => errors.push(String(error)))
    await page.goto(`${server.url}/`)
    await page
      .waitForFunction(() => window.sandboxResults || null, null, { timeout: 60_000 })
      .catch(() => {
        throw new Error(`the page did not finish: ${errors.join('\n') || 'no page error'}`)
      })
    const results = await page.evaluate(() => window.sandboxResults)
    return { version: browser.browser()?.version() ?? 'chromium', page: server.url, results }
  } finally {
    await browser.close()
    await server.close()
    await rm(profile, { recursive: true, force: true })
  }
}

/** Starts a sandbox, runs the cases in Node and then in Chromium, and stops it. */
export async function runSandboxCases() {
  const sandbox = await startSandboxProcess()
  try {
    const control = controlOf(sandbox)
    const node = await runInNode(sandbox, control)
    const chromiumRun = await runInChromium(sandbox, control)
    return { sandbox: sandbox.url, node, ...chromiumRun }
  } finally {
    await sandbox.stop()
  }
}
