// @ts-check
// The docs for agents, written beside the HTML page: `llms.txt` (an index in the llmstxt.org
// format: title, summary, links), one Markdown page per operation and per guide plus an overview
// (the introduction and the signing guide), and `llms-full.txt` (all of them in one file). They
// come from the spec, read through @solapi/credentials-spec, and the same guides and generated
// code samples as the page.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { credentialsContract } from '@solapi/credentials-spec'
import { CONTROL_PAGE, GUIDES } from '../../redocly/docs-plugin.mjs'
import { readCodeSamples } from '../../samples/code-samples.mjs'
import { operationPage, operationPagePath } from './operation-page.mjs'

const guidesDir = new URL('../../guides/', import.meta.url)

export const LLMS_INDEX = 'llms.txt'
export const LLMS_FULL = 'llms-full.txt'
export const OVERVIEW_PAGE = 'md/overview.md'

/** Where a guide's page is, relative to the build output. @param {string} file e.g. rotate-key.md */
export const guidePagePath = (file) => `md/guides/${file}`

/** The first sentence of a text, on one line. @param {string} text */
const firstSentence = (text) =>
  (
    text
      .replace(/\s+/g, ' ')
      .trim()
      .match(/^.*?\.(\s|$)/)?.[0] ?? text
  ).trim()

/** @param {string} markdown the guide, starting with its `##` heading */
function guideTitle(markdown) {
  const heading = markdown.match(/^#+\s+(.+)$/m)?.[1]
  if (!heading) throw new Error('a guide must start with a heading')
  return heading.trim()
}

/** The overview: the introduction and every security scheme's guide. */
function overviewPage() {
  const document = /** @type {Record<string, any>} */ (credentialsContract.document)
  const schemes = Object.entries(document.components?.securitySchemes ?? {})
  const servers = (document.servers ?? []).map(
    (/** @type {{ url: string, description?: string }} */ s) =>
      `- \`${s.url}\`${s.description ? `: ${s.description}` : ''}`,
  )
  return `${[
    `# ${document.info.title} (${document.info.version})`,
    `> ${document.info.summary ?? ''}`,
    String(document.info.description ?? '').trim(),
    '## Servers',
    servers.join('\n'),
    '## Authentication',
    ...schemes.map(
      ([name, scheme]) => `Scheme \`${name}\`.\n\n${String(scheme.description ?? '').trim()}`,
    ),
  ]
    .filter(Boolean)
    .join('\n\n')}\n`
}

/** @param {Record<string, any>} raw the operation object */
function securityLine(raw) {
  const document = /** @type {Record<string, any>} */ (credentialsContract.document)
  const requirements = raw.security ?? document.security ?? []
  const names = requirements.flatMap((/** @type {object} */ r) => Object.keys(r))
  if (names.length === 0) return 'No authentication.'
  return `Authentication: ${names.map((/** @type {string} */ n) => `\`${n}\``).join(' or ')}, signed as [the overview](../overview.md#authentication) explains.`
}

/**
 * Every agent-facing file, path (relative to the build output) to content.
 * @returns {Map<string, string>}
 */
export function agentDocs() {
  const document = /** @type {Record<string, any>} */ (credentialsContract.document)
  const { operations: samples } = readCodeSamples()
  /** @type {Map<string, string>} */
  const pages = new Map([[OVERVIEW_PAGE, overviewPage()]])
  const guideLinks = GUIDES.map((file) => {
    const markdown = readFileSync(new URL(file, guidesDir), 'utf8').trim()
    const title = guideTitle(markdown)
    pages.set(guidePagePath(file), `${markdown.replace(/^##\s+/, '# ')}\n`)
    const intro = markdown.split('\n\n')[1] ?? ''
    return `- [${title}](${guidePagePath(file)}): ${firstSentence(intro)}`
  })
  const operationLinks = credentialsContract.operations.map((operation) => {
    const raw = /** @type {Record<string, any>} */ (operation.raw)
    pages.set(
      operationPagePath(operation.operationId),
      operationPage(operation, {
        samples: samples[operation.operationId] ?? [],
        security: securityLine(raw),
      }),
    )
    const about = firstSentence(String(raw.description ?? ''))
    return `- [${operation.summary ?? operation.operationId}](${operationPagePath(operation.operationId)}): \`${operation.method.toUpperCase()} ${operation.path}\` (\`${operation.operationId}\`). ${about}`
  })

  const index = [
    `# ${document.info.title}`,
    `> ${document.info.summary ?? ''}`,
    `${firstSentence(String(document.info.description ?? ''))} Every page below is Markdown generated from the OpenAPI document, the same source as the [HTML reference](index.html); [${LLMS_FULL}](${LLMS_FULL}) holds them all in one file.`,
    '## Docs',
    `- [Overview and authentication](${OVERVIEW_PAGE}): servers, and how to sign every request`,
    '## Operations',
    operationLinks.join('\n'),
    '## Guides',
    guideLinks.join('\n'),
    '## Optional',
    [
      `- [Everything in one file](${LLMS_FULL})`,
      '- [HTML reference with a "Try it" console](index.html)',
      `- [Sandbox control API](${CONTROL_PAGE}): steers the test sandbox; not part of the API`,
    ].join('\n'),
  ].join('\n\n')

  const full = [...pages.values()].map((page) => page.trimEnd()).join('\n\n---\n\n')
  return new Map([[LLMS_INDEX, `${index}\n`], [LLMS_FULL, `${full}\n`], ...pages])
}

/**
 * Writes the agent docs into the build output folder.
 * @param {string} dist
 * @returns {{ path: string, bytes: number }[]}
 */
export function writeAgentDocs(dist) {
  return [...agentDocs()].map(([path, content]) => {
    const file = join(dist, path)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, content)
    return { path, bytes: Buffer.byteLength(content) }
  })
}
