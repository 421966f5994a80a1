import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { AxeResults, Result } from 'axe-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveDocs } from '../../src/serve-docs.mjs'
import { appDir } from '../helpers/app.ts'
import { connectBrowser, newContext } from '../helpers/shared-servers.ts'
import { operations } from '../helpers/spec.ts'

// An axe-core audit of the built page, served as a static file (no local servers behind it), in
// headless Chromium, in light and dark mode, with the "Try it" consoles in the page. Redoc renders
// an operation's section only once a reader gets to it, and keeps it rendered, so the page is
// audited as it opens (the introduction and its guides) and again once the reader has been to
// every operation, with every section and console in the page; the violations are merged.
const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const outputDir = join(appDir, 'test-output')

/** The impacts that fail the audit; the others are printed. */
const FAILING = new Set(['serious', 'critical'])

interface Mode {
  name: string
  colorScheme: 'light' | 'dark'
  /** Switch the mode with the page's own colour-mode button after it opens. */
  toggle?: boolean
  /** The class Redoc puts on <html> in this mode. */
  htmlClass: 'light' | 'dark'
}

const MODES: Mode[] = [
  { name: 'light', colorScheme: 'light', htmlClass: 'light' },
  { name: 'dark', colorScheme: 'dark', htmlClass: 'dark' },
  { name: 'dark-toggle', colorScheme: 'light', toggle: true, htmlClass: 'dark' },
]

/**
 * Relative luminance bounds of the console's background: a dark card (Redoc's dark greys are
 * about 0.02) and a light one. Between them is a card that would stand out of either page.
 */
const DARK_BELOW = 0.1
const LIGHT_ABOVE = 0.8

/** WCAG 2's relative luminance of an opaque CSS `rgb(r, g, b)` colour. */
function relativeLuminance(color: string): number {
  const match = color.match(/^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/)
  if (!match) throw new Error(`not an rgb() colour: ${color}`)
  if (match[4] !== undefined && Number(match[4]) < 1) throw new Error(`not opaque: ${color}`)
  const [r = 0, g = 0, b = 0] = match.slice(1, 4).map((channel) => {
    const c = Number(channel) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** The violations of one rule, over every state of the page audited. */
interface Merged {
  id: string
  impact: string
  help: string
  targets: Map<string, string>
}

let docs: Awaited<ReturnType<typeof serveDocs>>
let browser: Browser

beforeAll(async () => {
  mkdirSync(outputDir, { recursive: true })
  ;[docs, browser] = await Promise.all([serveDocs({ port: 0 }), connectBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await docs?.close()
})

async function audit(page: Page, into: Map<string, Merged>) {
  const results = await page.evaluate(
    // biome-ignore lint/suspicious/noExplicitAny: axe is the script injected into the page
    () => (window as any).axe.run(document, { resultTypes: ['violations'] }) as Promise<AxeResults>,
  )
  for (const violation of results.violations as Result[]) {
    const merged = into.get(violation.id) ?? {
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: new Map(),
    }
    for (const node of violation.nodes) {
      merged.targets.set(node.target.join(' '), node.failureSummary ?? '')
    }
    into.set(violation.id, merged)
  }
}

function report(mode: string, violations: Map<string, Merged>) {
  const lines = [...violations.values()].map(
    (v) => `  ${v.impact} ${v.id} (${v.targets.size}): ${v.help}`,
  )
  console.log(`axe-core, ${mode} mode: ${violations.size} rules violated\n${lines.join('\n')}`)
}

describe('the built page passes an axe-core audit', () => {
  for (const mode of MODES) {
    describe(`in ${mode.name} mode`, () => {
      let context: BrowserContext
      let page: Page

      beforeAll(async () => {
        context = await newContext(browser, {
          viewport: { width: 1400, height: 1000 },
          colorScheme: mode.colorScheme,
        })
        page = await context.newPage()
        await page.goto(`${docs.url}/`, { waitUntil: 'networkidle' })
        await page.locator('[data-section-id]').first().waitFor()
        if (mode.toggle) {
          expect(await page.evaluate(() => document.documentElement.className)).toContain('light')
          await page.getByTestId('color-mode-switcher').click()
        }
        await page.waitForFunction(
          (htmlClass) => document.documentElement.classList.contains(htmlClass),
          mode.htmlClass,
        )
        // Evaluated, not added as a <script>: the docs server's Content-Security-Policy allows only
        // the page's own inline scripts, and the audit is of the page as served, CSP and all.
        await page.evaluate(axeSource)
      })

      afterAll(async () => {
        await context?.close()
      })

      it('has no serious or critical violation, with every operation and its console rendered', async () => {
        const violations = new Map<string, Merged>()
        await audit(page, violations)
        for (const op of operations) {
          await page.evaluate((id) => {
            location.hash = `#/credentials/${id.toLowerCase()}`
          }, op.operationId)
          const form = page.getByRole('form', { name: `Try it: ${op.summary}` })
          await form.waitFor()
          if (op === operations[0]) {
            // For a person to check that the colours still read as designed.
            await form.scrollIntoViewIfNeeded()
            await page.screenshot({ path: join(outputDir, `a11y-${mode.name}.png`) })
          }
        }
        // What the second audit covers: every operation's console is in the page at once.
        expect(await page.getByRole('form', { name: /^Try it: / }).count()).toBe(operations.length)
        await audit(page, violations)
        report(mode.name, violations)
        const failing = [...violations.values()]
          .filter((v) => FAILING.has(v.impact))
          .map((v) => ({
            rule: `${v.impact} ${v.id}: ${v.help}`,
            elements: [...v.targets].map(([target, why]) => `${target}: ${why}`),
          }))
        expect(failing).toEqual([])
      })

      it('lets the keyboard reach every code block that scrolls sideways, and names it', async () => {
        await page.evaluate(() => {
          location.hash = ''
          scrollTo(0, 0)
        })
        const scrollingBlocks = () =>
          page.locator('pre').evaluateAll((elements) =>
            elements
              .filter((pre) => pre.scrollWidth > pre.clientWidth)
              .map((pre) => ({
                text: pre.textContent?.slice(0, 40),
                tabIndex: (pre as HTMLElement).tabIndex,
                named: Boolean(
                  pre.getAttribute('aria-label') || pre.getAttribute('aria-labelledby'),
                ),
              })),
          )
        await expect.poll(async () => (await scrollingBlocks()).length).toBeGreaterThan(0)
        await expect
          .poll(async () =>
            (await scrollingBlocks()).filter((block) => block.tabIndex !== 0 || !block.named),
          )
          .toEqual([])
        const first = page.locator('pre[data-solapi-scrollable][role="group"]').first()
        expect(await first.getAttribute('aria-label')).toMatch(/^Code( \(\w+\))? in "/)
        // An operation's code sample is named after the operation, with its language.
        const op = operations[0]
        if (!op) throw new Error('the spec has no operations')
        await page.evaluate((id) => {
          location.hash = `#/credentials/${id.toLowerCase()}`
        }, op.operationId)
        const sample = page
          .locator(`[data-section-id$="/${op.operationId.toLowerCase()}"]`)
          .locator('pre[data-testid="source-code"]')
          .first()
        await expect
          .poll(() => sample.getAttribute('aria-label'))
          .toBe(`Code (shell) in "${op.summary}"`)
        expect(await sample.evaluate((pre) => (pre as HTMLElement).tabIndex)).toBe(0)
      })

      it(`shows the console as a ${mode.htmlClass} card, as the page around it`, async () => {
        const op = operations[0]
        if (!op) throw new Error('the spec has no operations')
        await page.evaluate((id) => {
          location.hash = `#/credentials/${id.toLowerCase()}`
        }, op.operationId)
        const form = page.getByRole('form', { name: `Try it: ${op.summary}` })
        await form.waitFor()
        const background = await form.evaluate(
          (element) => getComputedStyle(element).backgroundColor,
        )
        const luminance = relativeLuminance(background)
        if (mode.htmlClass === 'dark') expect(luminance, background).toBeLessThan(DARK_BELOW)
        else expect(luminance, background).toBeGreaterThan(LIGHT_ABOVE)
      })

      it('has a navigation, a main and a contentinfo landmark', async () => {
        for (const role of ['navigation', 'main', 'contentinfo'] as const) {
          await expect.poll(() => page.getByRole(role).count()).toBeGreaterThan(0)
        }
      })
    })
  }
})
