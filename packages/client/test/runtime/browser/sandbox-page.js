// Runs the sandbox cases in the page and publishes the results for sandbox.mjs to read. The
// sandbox's URL and bootstrap credential come from the `sandboxEnv` binding (not the URL, so
// that the secret shows up in no address), its control API through `sandboxControl`.
import * as lib from '/dist/index.js'
import { sandboxCases } from '/test/runtime/browser/sandbox-cases.js'

const { baseUrl, apiKey, apiSecret } = await window.sandboxEnv()
const env = {
  baseUrl,
  apiKey,
  apiSecret,
  browser: true,
  control: (method, path, body) => window.sandboxControl(method, path, body),
}

const results = []
for (const testCase of sandboxCases(lib, env)) {
  try {
    await testCase.run()
    results.push({ name: testCase.name, ok: true })
  } catch (error) {
    results.push({ name: testCase.name, ok: false, error: String(error?.stack ?? error) })
  }
}
window.sandboxResults = results
