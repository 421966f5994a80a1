// Runs the shared smoke suite in the page and publishes the results for browser.mjs to read.
import * as lib from '/dist/index.js'
import { smokeCases } from '/test/runtime/smoke-cases.js'

const params = new URLSearchParams(location.search)
const env = {
  baseUrl: params.get('prism'),
  closedUrl: params.get('closed'),
  browser: true,
  // The contract's parser runs in Node (browser.mjs binds it); the page only ships the client.
  parseAuthorization: (header) => window.parseAuthorization(header),
}

const results = []
for (const smoke of smokeCases(lib, env)) {
  try {
    await smoke.run()
    results.push({ name: smoke.name, ok: true })
  } catch (error) {
    results.push({ name: smoke.name, ok: false, error: String(error?.stack ?? error) })
  }
}
window.smokeResults = results
