// @ts-check
// `pnpm build`: dist/index.html, the self-contained reference page with its "Try it" console
// (src/build-page.mjs says how).
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildPage } from '../src/build-page.mjs'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const output = `${dist}index.html`
rmSync(dist, { recursive: true, force: true })
const html = await buildPage({ output })
console.log(`Built ${output} (${Math.round(html.length / 1024)} KiB, self-contained)`)
