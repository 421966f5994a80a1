import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { credentialsContract } from '@solapi/credentials-spec'
import { describe, expect, it } from 'vitest'
import { GUIDES } from '../../redocly/docs-plugin.mjs'
import { appDir } from '../helpers/app.ts'
import { builtPage } from '../helpers/built-page.ts'
import { codeSamples } from '../helpers/code-samples.ts'
import type { Json } from '../helpers/spec.ts'

// The docs for agents that `pnpm build` writes beside the page. What they must contain is read
// from the spec here, by this test's own walk of the schemas, not taken from the generator.
const dist = join(appDir, 'dist')
const read = (path: string) => readFileSync(join(dist, path), 'utf8')
const operationPage = (operationId: string) => `md/operations/${operationId}.md`
const guidePage = (file: string) => `md/guides/${file}`

/** Every property name a schema can carry, at any depth ($refs, allOf, maps and arrays too). */
function propertyNames(schema: Json, seen = new Set<Json>()): Set<string> {
  const names = new Set<string>()
  const walk = (node: Json) => {
    const resolved = credentialsContract.resolveRef(node) as Json
    if (typeof resolved !== 'object' || resolved === null || seen.has(resolved)) return
    seen.add(resolved)
    for (const [name, property] of Object.entries(resolved.properties ?? {})) {
      names.add(name)
      walk(property)
    }
    for (const part of [
      ...(resolved.allOf ?? []),
      ...(resolved.oneOf ?? []),
      ...(resolved.anyOf ?? []),
    ])
      walk(part)
    if (typeof resolved.additionalProperties === 'object') walk(resolved.additionalProperties)
    if (typeof resolved.items === 'object') walk(resolved.items)
  }
  walk(schema)
  return names
}

/** The values a code field (`errorCode`, `resultCode`) may take in a schema: its enums. */
function codeEnums(schema: Json): string[] {
  const codes: string[] = []
  const walk = (node: Json) => {
    const resolved = credentialsContract.resolveRef(node) as Json
    if (typeof resolved !== 'object' || resolved === null) return
    for (const [name, property] of Object.entries<Json>(resolved.properties ?? {})) {
      const values = (credentialsContract.resolveRef(property) as Json).enum
      if (/Code$/.test(name) && Array.isArray(values)) codes.push(...values)
    }
    for (const part of resolved.allOf ?? []) walk(part)
  }
  walk(schema)
  return codes
}

/** Every error code of an operation with its status: from the schemas' enums and the examples. */
function errorCodes(operation: (typeof credentialsContract.operations)[number]) {
  const pairs = new Set<string>()
  for (const response of Object.values(operation.responses)) {
    if (Number(response.status) < 400) continue
    for (const media of Object.values(response.content)) {
      for (const code of codeEnums(media.schema)) pairs.add(`${response.status} ${code}`)
      for (const example of Object.values<Json>(media.examples)) {
        const code = example?.errorCode ?? example?.resultCode
        if (typeof code === 'string') pairs.add(`${response.status} ${code}`)
      }
    }
  }
  return [...pairs].map((pair) => {
    const [status = '', code = ''] = pair.split(' ')
    return { status, code }
  })
}

/** Whether a field table of the page has a row for the field (at any depth: `a.{key}.name`). */
const mentionsField = (page: string, name: string) =>
  new RegExp(`^\\| \`([^\`\\n]*[.}])?${name.replace(/[$]/g, '\\$')}\` \\|`, 'm').test(page)

const files = [
  'llms.txt',
  'llms-full.txt',
  'md/overview.md',
  ...credentialsContract.operations.map((op) => operationPage(op.operationId)),
  ...GUIDES.map(guidePage),
]

describe('the docs for agents beside dist/index.html', () => {
  it('are all written, none empty', () => {
    const sizes = files.map((file) => ({
      file,
      bytes: existsSync(join(dist, file)) ? statSync(join(dist, file)).size : 0,
    }))
    console.log(sizes.map(({ file, bytes }) => `${file}: ${bytes} bytes`).join('\n'))
    expect(sizes.filter(({ bytes }) => bytes === 0)).toEqual([])
  })

  it('llms.txt follows llmstxt.org: title, summary, then sections of links that all resolve', () => {
    const index = read('llms.txt')
    const info = credentialsContract.document.info as Json
    expect(index.startsWith(`# ${info.title}\n\n> ${info.summary}\n`)).toBe(true)
    const links = [...index.matchAll(/^- \[[^\]]+\]\(([^)]+)\)/gm)].map((match) => match[1])
    for (const op of credentialsContract.operations) {
      expect(links).toContain(operationPage(op.operationId))
      expect(index).toContain(op.operationId)
      expect(index).toContain(op.path)
    }
    for (const guide of GUIDES) expect(links).toContain(guidePage(guide))
    expect(links).toContain('llms-full.txt')
    for (const link of links) expect(existsSync(join(dist, link ?? '')), link).toBe(true)
    expect(index).toMatch(/^## Optional$/m)
  })

  for (const op of credentialsContract.operations) {
    describe(`${op.operationId}'s page`, () => {
      const page = read(operationPage(op.operationId))

      it('names the operation, its method and path', () => {
        expect(page).toContain(op.operationId)
        expect(page).toContain(`${op.method.toUpperCase()} ${op.path}`)
      })

      it('lists every field of the request and of every response', () => {
        const schemas = [
          ...Object.values(op.requestBody?.content ?? {}),
          ...Object.values(op.responses).flatMap((response) => Object.values(response.content)),
        ].map((media) => media.schema)
        const names = new Set(schemas.flatMap((schema) => [...propertyNames(schema)]))
        expect(names.size).toBeGreaterThan(0)
        const missing = [...names].filter((name) => !mentionsField(page, name))
        expect(missing).toEqual([])
      })

      it('lists every error code with its status', () => {
        const codes = errorCodes(op)
        expect(codes.length).toBeGreaterThan(0)
        const missing = codes.filter(
          ({ status, code }) => !page.includes(`| ${status} | \`${code}\` |`),
        )
        expect(missing).toEqual([])
      })

      it('carries the request and response examples and the code samples', () => {
        const media = [
          ...Object.values(op.requestBody?.content ?? {}),
          ...Object.values(op.responses).flatMap((response) => Object.values(response.content)),
        ]
        for (const { examples } of media) {
          for (const [name, value] of Object.entries(examples)) {
            expect(page).toContain(
              `Example \`${name}\`:\n\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n`,
            )
          }
        }
        const samples = codeSamples.operations[op.operationId] ?? []
        expect(samples.length).toBeGreaterThan(0)
        for (const sample of samples) expect(page).toContain(sample.source.join('\n'))
      })
    })
  }

  it('llms-full.txt holds the overview, every guide and every operation page', () => {
    const full = read('llms-full.txt')
    for (const file of files.filter((file) => file.startsWith('md/'))) {
      expect(full).toContain(read(file).trim())
    }
    const everyCode = credentialsContract.operations.flatMap((op) =>
      errorCodes(op).map((e) => e.code),
    )
    for (const code of new Set(everyCode)) expect(full).toContain(`\`${code}\``)
  })

  it('guide pages are the guides, from their heading on', () => {
    for (const guide of GUIDES) {
      const source = readFileSync(join(appDir, 'guides', guide), 'utf8').trim()
      expect(read(guidePage(guide))).toBe(`${source.replace(/^##\s+/, '# ')}\n`)
    }
  })

  it('are linked from the page: alternate links in the head, and visible links', () => {
    const page = builtPage()
    const head = page.slice(0, page.indexOf('</head>'))
    expect(head).toContain('<link rel="alternate" type="text/markdown" href="llms.txt"')
    expect(head).toContain('<link rel="alternate" type="text/markdown" href="llms-full.txt"')
    const footer = /<footer class="solapi-footer">([\s\S]*?)<\/footer>/.exec(page)?.[1] ?? ''
    expect(footer).toContain('<a href="llms.txt">')
    expect(footer).toContain('<a href="llms-full.txt">')
  })
})
