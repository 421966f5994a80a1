import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { listOperations, sandboxControlDocument } from '@solapi/credentials-spec'
import { describe, expect, it } from 'vitest'
import { CONTROL_PAGE } from '../../redocly/docs-plugin.mjs'
import { appDir } from '../helpers/app.ts'
import { builtDefinition } from '../helpers/built-page.ts'

const page = readFileSync(join(appDir, 'dist', CONTROL_PAGE), 'utf8')

function definitionOf(html: string) {
  const match = /const __redoc_definition = (.*);\n/.exec(html)
  if (!match?.[1]) throw new Error(`no __redoc_definition in dist/${CONTROL_PAGE}`)
  return JSON.parse(match[1])
}

describe(`dist/${CONTROL_PAGE}, the sandbox control API`, () => {
  it('is self-contained, with telemetry off and no console', () => {
    expect(page).not.toMatch(/<(script|link|img)\b[^>]*(src|href)="https?:\/\//)
    expect(page).not.toContain('cdn.redoc.ly')
    expect(page).toMatch(/const __redoc_options = \{[^\n]*"disableTelemetry":true/)
    expect(page).not.toContain('solapi-try-script')
    expect(page).toContain('<title>SOLAPI Credentials sandbox control API</title>')
  })

  it('documents every operation of the control document, unchanged', () => {
    const definition = definitionOf(page)
    expect(definition).toEqual(sandboxControlDocument)
    expect(listOperations(definition).map((op) => op.operationId)).toEqual(
      listOperations(sandboxControlDocument).map((op) => op.operationId),
    )
  })

  it('is linked from the end of the main page introduction', () => {
    const description: string = builtDefinition().info.description
    expect(description.trimEnd()).toMatch(
      new RegExp(`## Testing against the sandbox\\n\\n[^#]*\\[control API\\]\\(${CONTROL_PAGE}\\)`),
    )
  })
})
