// Copies the bundled spec into the package, so that the published bin serves it without this
// repo: `npx @solapi/credentials-mock`.
import { copyFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const source = require.resolve('@solapi/credentials-spec/openapi.yaml')
const target = new URL('../dist/openapi.yaml', import.meta.url)
mkdirSync(new URL('../dist/', import.meta.url), { recursive: true })
copyFileSync(source, target)
console.log(`Copied ${source} to dist/openapi.yaml`)
