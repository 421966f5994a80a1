import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SAMPLE_LANGUAGES } from '../../redocly/docs-plugin.mjs'
import { appDir } from '../helpers/app.ts'
import { builtDefinition, builtPage } from '../helpers/built-page.ts'
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
    it(`gives ${op.operationId} the curl, TypeScript and Python samples from samples/`, () => {
      const samples = definition.paths[op.path].post['x-codeSamples']
      expect(samples).toEqual(
        SAMPLE_LANGUAGES.map(({ extension, lang, label }) => ({
          lang,
          label,
          source: readFileSync(
            join(appDir, `samples/${op.operationId}.${extension}`),
            'utf8',
          ).trimEnd(),
        })),
      )
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
})
