// @ts-check
// Builds the page with `redocly build-docs` from the bundled spec. redocly.yaml adds the code
// samples, the Authentication section and the guides (docs-plugin.mjs); --inlineBundle embeds
// Redoc in the page instead of importing it from a CDN; template.hbs adds an inline favicon; the
// "Try it" console is inlined after Redoc. The page then makes no request to any host but its own
// and the server a reader sends a request to.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { addAccessibility } from './a11y/page-script.mjs'
import { addConsole } from './console-page.mjs'

const require = createRequire(import.meta.url)
const appDir = fileURLToPath(new URL('..', import.meta.url))
const redocly = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js')

// Redoc 3's sidebar footer always loads its "API docs by Redocly" logo from cdn.redoc.ly, even
// with the bundle inlined. Keep the attribution, as an inline SVG.
const REMOTE_LOGOS = [
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg',
  'https://cdn.redoc.ly/redoc/logo-mini.svg',
]
const inlineLogo = `data:image/svg+xml,${encodeURIComponent(
  "<svg xmlns='http://www.w3.org/2000/svg' width='56' height='14' viewBox='0 0 56 14'><text x='0' y='11' font-family='sans-serif' font-size='11' font-weight='600' fill='#0044d4'>Redocly</text></svg>",
)}`

/**
 * @param {{ output: string, withConsole?: boolean, api?: 'credentials' | 'control', title?: string }} options
 *   `withConsole: false` builds the page as it was before the console, for `pnpm bench` to
 *   compare against; `api: 'control'` builds the sandbox control API's page (no console).
 * @returns {Promise<string>} the page
 */
export async function buildPage({
  output,
  withConsole = true,
  api = 'credentials',
  title = 'SOLAPI Credentials API reference',
}) {
  mkdirSync(dirname(output), { recursive: true })
  execFileSync(
    process.execPath,
    [
      redocly,
      'build-docs',
      api,
      '--config',
      'redocly.yaml',
      '--inlineBundle',
      '--template',
      'template.hbs',
      '--output',
      output,
      '--title',
      title,
    ],
    { cwd: appDir, stdio: ['ignore', 'inherit', 'inherit'] },
  )

  let html = readFileSync(output, 'utf8')
  for (const logo of REMOTE_LOGOS) {
    if (!html.includes(logo)) {
      throw new Error(`Expected Redoc's remote logo ${logo} in the page; update src/build-page.mjs`)
    }
    html = html.replaceAll(logo, inlineLogo)
  }
  if (withConsole && api === 'credentials') html = await addConsole(html)
  html = addAccessibility(html)
  const remoteAssets = html.match(/<(?:script|link|img)\b[^>]*(?:src|href)="https?:\/\/[^"]*"/g)
  if (remoteAssets) throw new Error(`The page loads remote assets: ${remoteAssets.join(', ')}`)
  writeFileSync(output, html)
  return html
}
