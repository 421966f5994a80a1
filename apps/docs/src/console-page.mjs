// @ts-check
// The parts of the page that belong to the "Try it" console: its data from the spec, the empty
// config element (the docs server fills it in), and the bundled script and style, inlined.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { credentialsContract } from '@solapi/credentials-spec'
import { build, transform } from 'esbuild'
import { configElement, jsonElement } from './console-config.mjs'
import { documentedOperations } from './documented-operations.mjs'
import { specServers } from './local-servers.mjs'

const consoleDir = fileURLToPath(new URL('../console/', import.meta.url))

/**
 * What the console needs from the spec.
 * @returns {import('../console/page-data.ts').ConsoleData}
 */
export function consoleData() {
  const { apiKey, apiSecret } = credentialsContract.signing.workedExample
  return {
    operations: documentedOperations().map(({ body, ...operation }) => ({
      ...operation,
      example: JSON.stringify(body, null, 2),
    })),
    // The name is the description's start: "Local sandbox (`pnpm sandbox`), stateful, …".
    servers: specServers().map(({ url, description, local }) => ({
      url,
      name: description.split(/ \(|, /)[0] || url,
      ...(local ? { local } : {}),
    })),
    // The mock checks no signature: the spec's worked example lets a first call work at once.
    credentials: { mock: { apiKey, apiSecret } },
  }
}

/** The console's script (console/main.ts and the client's signing, minified) and style. */
async function bundleConsole() {
  const [script, style] = await Promise.all([
    build({
      entryPoints: [`${consoleDir}main.ts`],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      write: false,
    }),
    transform(readFileSync(`${consoleDir}console.css`, 'utf8'), { loader: 'css', minify: true }),
  ])
  const [output] = script.outputFiles
  if (!output) throw new Error('esbuild wrote no console bundle')
  return { script: output.text.trim(), style: style.code.trim() }
}

/**
 * The page with the console in it: the style in <head>, the data, config and script at the end
 * of <body>, after Redoc's own script.
 * @param {string} html
 */
export async function addConsole(html) {
  const { script, style } = await bundleConsole()
  if (/<\/script/i.test(script)) throw new Error('The console bundle contains </script')
  const head = html.indexOf('</head>')
  const body = html.lastIndexOf('</body>')
  if (head < 0 || body < 0) throw new Error('The page has no </head> or </body>')
  return [
    html.slice(0, head),
    `<style id="solapi-try-style">${style}</style>\n`,
    html.slice(head, body),
    jsonElement('solapi-try-data', consoleData()),
    '\n',
    configElement({}),
    '\n',
    `<script type="module" id="solapi-try-script">${script}</script>\n`,
    html.slice(body),
  ].join('')
}
