// @ts-check
// `pnpm build`: dist/index.html, the self-contained reference page with its "Try it" console,
// and dist/sandbox-control.html, the sandbox's control API (src/build-page.mjs says how); then
// the docs for agents beside them: llms.txt, llms-full.txt and md/ (src/llms/agent-docs.mjs).
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { CONTROL_PAGE } from '../redocly/docs-plugin.mjs'
import { buildPage } from '../src/build-page.mjs'
import { writeAgentDocs } from '../src/llms/agent-docs.mjs'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const output = `${dist}index.html`
rmSync(dist, { recursive: true, force: true })
const html = await buildPage({ output })
console.log(`Built ${output} (${Math.round(html.length / 1024)} KiB, self-contained)`)
const controlOutput = `${dist}${CONTROL_PAGE}`
const control = await buildPage({
  output: controlOutput,
  api: 'control',
  title: 'SOLAPI Credentials sandbox control API',
})
console.log(`Built ${controlOutput} (${Math.round(control.length / 1024)} KiB, self-contained)`)
const agentDocs = writeAgentDocs(dist)
const agentBytes = agentDocs.reduce((sum, file) => sum + file.bytes, 0)
console.log(
  `Wrote ${agentDocs.length} Markdown files for agents in ${dist} (${Math.round(agentBytes / 1024)} KiB)`,
)
