// Copies the bundled spec into the package, so that the published bin serves it without this
// repo: `npx @solapi/credentials-mock`. Prism serves the YAML; the JSON guard reads the JSON.
import { copyFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
mkdirSync(new URL('../dist/', import.meta.url), { recursive: true })
for (const file of ['openapi.yaml', 'openapi.json']) {
  const source = require.resolve(`@solapi/credentials-spec/${file}`)
  copyFileSync(source, new URL(`../dist/${file}`, import.meta.url))
  console.log(`Copied ${source} to dist/${file}`)
}
