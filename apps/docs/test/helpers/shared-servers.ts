// The run's shared Chromium and mock (test/setup/shared-servers.ts starts them).
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core'
import { inject } from 'vitest'

/**
 * How long one browser step (a click, a navigation, a wait) may take. Playwright's own 30 s
 * is not enough when CI runs this suite beside others on two cores: Redoc's pages then render
 * slowly enough that a click on a rendered link once waited out 30 s. A step that truly hangs
 * still fails, inside the test's own budget (vitest.config.ts).
 */
export const BROWSER_STEP_TIMEOUT_MS = 60_000

/** This file's connection to the run's Chromium; `close()` ends only what the file made. */
export function connectBrowser(): Promise<Browser> {
  return chromium.connect(inject('chromiumEndpoint'))
}

/** A new browser context whose steps, navigations included, get this suite's step budget. */
export async function newContext(
  browser: Browser,
  options?: BrowserContextOptions,
): Promise<BrowserContext> {
  const context = await browser.newContext(options)
  context.setDefaultTimeout(BROWSER_STEP_TIMEOUT_MS)
  return context
}

/**
 * A new page in a context of its own, with this suite's step budget. The context ends with the
 * file's connection (`browser.close()`), as every context a connected browser made does.
 */
export async function newPage(browser: Browser, options?: BrowserContextOptions): Promise<Page> {
  const context = await newContext(browser, options)
  return context.newPage()
}

/** The run's mock (Prism keeps no state, so the files share it). */
export const sharedMock = (): { url: string } => ({ url: inject('mockUrl') })
