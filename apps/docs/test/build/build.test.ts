import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GUIDES } from '../../redocly/docs-plugin.mjs'
import { SAMPLE_LANGUAGES } from '../../samples/languages.mjs'
import { configElement } from '../../src/console-config.mjs'
import { consoleData } from '../../src/console-page.mjs'
import { appDir } from '../helpers/app.ts'
import { builtDefinition, builtPage, consoleParts } from '../helpers/built-page.ts'
import { codeSamples } from '../helpers/code-samples.ts'
import { operations, spec } from '../helpers/spec.ts'

describe('dist/index.html', () => {
  const page = builtPage()
  const definition = builtDefinition()

  it('embeds Redoc instead of importing it from a CDN', () => {
    expect(page).not.toMatch(/import\s*\{[^}]*\}\s*from\s*["']https?:/)
    expect(page).not.toMatch(/<(script|link|img)\b[^>]*(src|href)="https?:\/\//)
    expect(page).not.toContain('cdn.redoc.ly')
    expect(page).not.toContain('fonts.googleapis.com')
  })

  it('turns Redoc telemetry off', () => {
    expect(page).toMatch(/const __redoc_options = \{[^\n]*"disableTelemetry":true/)
  })

  it('documents the six operations of the bundled spec, unchanged apart from the decorators', () => {
    expect(Object.keys(definition.paths)).toEqual(Object.keys(spec.paths))
    for (const op of operations) {
      const { 'x-codeSamples': _samples, ...rest } = definition.paths[op.path].post
      expect(rest).toEqual(spec.paths[op.path].post)
    }
    expect(definition.components).toEqual(spec.components)
  })

  for (const op of operations) {
    it(`gives ${op.operationId} the curl, TypeScript and Python samples from generated/`, () => {
      const samples = definition.paths[op.path].post['x-codeSamples']
      const generated = codeSamples.operations[op.operationId] ?? []
      expect(samples).toEqual(
        SAMPLE_LANGUAGES.map(({ lang, label }, index) => ({
          lang,
          label,
          source: generated[index]?.source.join('\n'),
        })),
      )
      for (const sample of samples) expect(sample.source).toContain(op.path)
    })
  }

  it('adds an Authentication section with the signing guide and the secrets warning', () => {
    const description: string = definition.info.description
    const auth = description.slice(description.indexOf('## Authentication'))
    expect(description.startsWith(spec.info.description.trimEnd())).toBe(true)
    expect(auth).toContain('### Signing, step by step')
    // The worked example: secret, date, salt -> signature.
    const example =
      spec.components.securitySchemes.hmacAuthorization['x-solapi-signing'].workedExample
    for (const value of [
      example.apiSecret,
      example.date,
      example.salt,
      example.signatures['HMAC-SHA256'],
    ]) {
      expect(auth).toContain(value)
    }
    for (const code of [
      'InvalidAPIKey',
      'SignatureDoesNotMatch',
      'RequestTimeTooSkewed',
      'DuplicatedSignature',
    ]) {
      expect(auth).toMatch(new RegExp(`\\| 403 \\| \`${code}\` \\| [^|]+ \\| [^|]+ \\|`))
    }
    expect(auth).toContain('### Responses carry secrets')
    expect(auth).toMatch(/`getCredentialInfo` and `getCredentialList` return the `apiSecret`/)
  })

  it('ends the introduction with the guides, after the Authentication section', () => {
    const description: string = definition.info.description
    const guides = GUIDES.map((file) => readFileSync(join(appDir, 'guides', file), 'utf8').trim())
    const testing = description.indexOf('\n\n## Testing against the sandbox')
    expect(description.slice(0, testing).endsWith(guides.join('\n\n'))).toBe(true)
    const rotate = description.indexOf('## Rotate a key without downtime')
    expect(rotate).toBeGreaterThan(description.indexOf('### Responses carry secrets'))
    for (const step of [
      '### 1. Create a new key',
      '### 2. Deploy it',
      '### 3. Confirm that it signs',
      '### 4. Deactivate the old key',
      '### 5. Delete it later',
    ]) {
      expect(description.slice(rotate)).toContain(step)
    }
  })
})

describe('the "Try it" console in dist/index.html', () => {
  const page = builtPage()
  const parts = consoleParts(page)

  it('is inlined after Redoc: its style, the spec data, an empty config and the script', () => {
    expect(page.indexOf('<style id="solapi-try-style">')).toBeLessThan(page.indexOf('</head>'))
    expect(page.indexOf('id="solapi-try-script"')).toBeGreaterThan(
      page.indexOf('hydrate(__redoc_definition'),
    )
    expect(parts.data).toEqual(consoleData())
    expect(page).toContain(configElement({}))
    expect(parts.script).toContain('MutationObserver')
  })

  it('carries every operation with its first request example, and the spec servers', () => {
    expect(parts.data.operations).toEqual(
      operations.map((op) => ({
        operationId: op.operationId,
        summary: op.summary,
        method: 'POST',
        path: op.path,
        example: JSON.stringify(op.requestExample, null, 2),
      })),
    )
    expect(parts.data.servers.map((server: { url: string }) => server.url)).toEqual(
      spec.servers.map((server: { url: string }) => server.url),
    )
    expect(parts.data.servers.filter((server: { local?: string }) => server.local)).toEqual([
      { url: 'http://127.0.0.1:4010', name: 'Local Prism mock', local: 'mock' },
      { url: 'http://127.0.0.1:4011', name: 'Local sandbox', local: 'sandbox' },
    ])
  })

  it('signs with the client package, bundled: no import of anything at run time', () => {
    expect(parts.script).not.toMatch(/\bimport\s*[({"'`]/)
    expect(parts.script).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|solapi\.com|www\.w3\.org)/)
    // The signer's output shape, and the redaction, from @solapi/credentials-client.
    expect(parts.script).toContain('signature=[redacted]')
    expect(parts.script).toContain('HMAC-SHA256')
  })

  // The browser tests check what sessionStorage holds: the server and the key, never the secret.
  it('keeps nothing beyond the tab: no localStorage, cookies or IndexedDB in its script', () => {
    for (const api of ['localStorage', 'document.cookie', 'indexedDB']) {
      expect(parts.script).not.toContain(api)
    }
    expect(parts.script).toContain('autocomplete')
  })

  it('adds 50 kB or less to the page', () => {
    expect(parts.bytes).toBeGreaterThan(0)
    expect(parts.bytes).toBeLessThanOrEqual(50_000)
  })
})
