// @ts-check
// `pnpm bench` (turbo): what the "Try it" console costs the page. Builds the page twice in this
// run, without the console (the baseline) and with it, then measures both: size (bytes, gzip)
// and time to first render in headless Chromium, as the median of several fresh loads taken in
// turns so that the machine's noise hits both alike. Figures are printed as ratios to the
// baseline, with the absolute values beside them.
//
// First render is First Contentful Paint (the browser's paint timing): the page is prerendered,
// so that is when a reader first sees the reference. DOMContentLoaded is printed too: it comes
// after every module script has run, Redoc's and the console's.
//
//   node bench/page-weight.mjs [--runs 15] [--baseline path/to/index.html]
// --baseline compares with a page saved earlier (say, from another commit) instead.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { chromiumLaunchOptions } from '@solapi/devkit/chromium'
import { chromium } from 'playwright-core'
import { buildPage } from '../src/build-page.mjs'
import { serveDocs } from '../src/serve-docs.mjs'

/** What the issue allows the console to add to the page. */
const BUDGET_BYTES = 50_000

const { values: options } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, baseline: { type: 'string' } },
})
const runs = Number(options.runs)
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer`)

const work = mkdtempSync(join(tmpdir(), 'docs-bench-'))
const dirs = { baseline: join(work, 'baseline'), console: join(work, 'console') }

/** @param {string} path */
function size(path) {
  const bytes = readFileSync(path)
  return { bytes: bytes.length, gzip: gzipSync(bytes).length }
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/**
 * One fresh load (new context: no cache), its paint and DOMContentLoaded times in ms.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 */
async function load(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
  try {
    const page = await context.newPage()
    await page.goto(url, { waitUntil: 'load' })
    return await page.evaluate(async () => {
      // The paint entry can land just after `load`; wait for it.
      const fcp = await new Promise((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0]
          if (entry) resolve(entry.startTime)
        }).observe({ type: 'paint', buffered: true })
      })
      const [navigation] = /** @type {PerformanceNavigationTiming[]} */ (
        performance.getEntriesByType('navigation')
      )
      return { fcp: Number(fcp), dcl: navigation?.domContentLoadedEventEnd ?? Number.NaN }
    })
  } finally {
    await context.close()
  }
}

try {
  if (options.baseline) {
    mkdirSync(dirs.baseline)
    copyFileSync(options.baseline, join(dirs.baseline, 'index.html'))
  } else {
    await buildPage({ output: join(dirs.baseline, 'index.html'), withConsole: false })
  }
  await buildPage({ output: join(dirs.console, 'index.html') })

  const sizes = {
    baseline: size(join(dirs.baseline, 'index.html')),
    console: size(join(dirs.console, 'index.html')),
  }
  const servers = {
    baseline: await serveDocs({ port: 0, root: dirs.baseline }),
    console: await serveDocs({ port: 0, root: dirs.console }),
  }
  const browser = await chromium.launch(chromiumLaunchOptions)
  /** @type {Record<'baseline' | 'console', { fcp: number[], dcl: number[] }>} */
  const times = { baseline: { fcp: [], dcl: [] }, console: { fcp: [], dcl: [] } }
  try {
    /** @type {('baseline' | 'console')[]} */
    const variants = ['baseline', 'console']
    // One warm-up load each (Chromium's own start-up), then the measured rounds in turns.
    for (const variant of variants) await load(browser, `${servers[variant].url}/`)
    for (let round = 0; round < runs; round++) {
      for (const variant of round % 2 ? [...variants].reverse() : variants) {
        const { fcp, dcl } = await load(browser, `${servers[variant].url}/`)
        times[variant].fcp.push(fcp)
        times[variant].dcl.push(dcl)
      }
    }
  } finally {
    await browser.close()
    await Promise.all(Object.values(servers).map((server) => server.close()))
  }

  const integer = (/** @type {number} */ n) => Math.round(n).toLocaleString('en-US')
  const rows = [
    ['size, bytes', sizes.baseline.bytes, sizes.console.bytes, ''],
    ['size, gzip bytes', sizes.baseline.gzip, sizes.console.gzip, ''],
    ['first contentful paint', median(times.baseline.fcp), median(times.console.fcp), ' ms'],
    ['DOMContentLoaded', median(times.baseline.dcl), median(times.console.dcl), ' ms'],
  ]
  const added = sizes.console.bytes - sizes.baseline.bytes
  console.log(
    [
      '',
      `Docs page, ${options.baseline ? `baseline ${options.baseline}` : 'baseline built without the console'} (this run)`,
      `Times: medians of ${runs} fresh loads each in headless Chromium, taken in turns.`,
      '',
      `  ${'measure'.padEnd(24)}${'baseline'.padStart(14)}${'with console'.padStart(16)}${'ratio'.padStart(8)}`,
      ...rows.map(
        ([name, before, after, unit]) =>
          `  ${String(name).padEnd(24)}${`${integer(Number(before))}${unit}`.padStart(14)}${`${integer(Number(after))}${unit}`.padStart(16)}${(Number(after) / Number(before)).toFixed(3).padStart(8)}`,
      ),
      '',
      options.baseline
        ? `  the page grows by ${integer(added)} bytes (${integer(sizes.console.gzip - sizes.baseline.gzip)} gzip)`
        : `  the console adds ${integer(added)} bytes (${integer(sizes.console.gzip - sizes.baseline.gzip)} gzip); budget ${integer(BUDGET_BYTES)} bytes: ${added <= BUDGET_BYTES ? 'within' : 'OVER'}`,
      '',
    ].join('\n'),
  )
  if (!options.baseline && added > BUDGET_BYTES) process.exitCode = 1
} finally {
  rmSync(work, { recursive: true, force: true })
}
