// @ts-check
// The console's config element, shared by the build (which writes it empty) and the docs server
// (which fills it in when it forwards to the local servers), and the names of those servers.

/** @typedef {'mock' | 'sandbox'} LocalServer */

/** @type {LocalServer[]} */
export const LOCAL_SERVERS = ['mock', 'sandbox']

/** The same-origin path under which the docs server forwards to a local server. */
export const proxyPath = (/** @type {LocalServer} */ name) => `/servers/${name}`

/**
 * A JSON element the console reads with `readJson(id)`. `<` is escaped so that no value can
 * close the element early.
 * @param {string} id
 * @param {unknown} value
 */
export function jsonElement(id, value) {
  const json = JSON.stringify(value).replaceAll('<', '\\u003c')
  return `<script type="application/json" id="${id}">${json}</script>`
}

/**
 * The config element: `{}` in the built page.
 * @param {import('../console/page-data.ts').ConsoleConfig} config
 */
export const configElement = (config) => jsonElement('solapi-try-config', config)
