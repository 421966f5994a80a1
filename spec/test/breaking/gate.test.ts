import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { majorOf, runGate } from '../../scripts/breaking/gate.mjs'
import type { OpenApiDocument, SchemaObject } from '../../src/index.js'
import { copiesFolder, edited, gateOn, schemas, spec } from './bundle-copies.ts'

const folder = copiesFolder()
const withoutDeleteAt = (version: string) =>
  edited((doc) => {
    delete doc.paths['/credentials/deleteCredential']
  }, version)

describe.concurrent('runGate', () => {
  it('passes the committed baseline against the current bundle', async () => {
    const baseline = fileURLToPath(new URL('../../baseline/openapi.json', import.meta.url))
    const bundled = fileURLToPath(new URL('../../dist/openapi.json', import.meta.url))
    const result = await runGate(baseline, bundled)
    expect(result.breaking.map((c) => c.path)).toEqual([])
    expect(result.ok).toBe(true)
  })

  it('fails a breaking change without a major bump, naming the place and the fix', async () => {
    const result = await gateOn(folder, spec, withoutDeleteAt('1.1.0'))
    expect(result.ok).toBe(false)
    expect(result.report).toContain(
      'path-removed at #/paths/~1credentials~1deleteCredential: Path `/credentials/deleteCredential` was removed.',
    )
    expect(result.report).toContain('bump info.version in spec/openapi.yaml to 2.0.0')
  })

  it('allows the same breaking change when the major version is bumped', async () => {
    const result = await gateOn(folder, spec, withoutDeleteAt('2.0.0'))
    expect(result.ok).toBe(true)
    expect(result.majorBumped).toBe(true)
    expect(result.breaking).toHaveLength(1)
    expect(result.report).toContain("Allowed: info.version's major went from 1 to 2.")
  })

  it('passes additive changes without a bump', async () => {
    const head = edited((doc) => {
      ;(schemas(doc).CredentialInfo as SchemaObject).properties.label = { type: 'string' }
    })
    const result = await gateOn(folder, spec, head)
    expect(result.ok).toBe(true)
    expect(result.additive).toHaveLength(1)
  })

  it('passes new error responses (429 and 5xx) as additive', async () => {
    const base = edited((doc) => {
      for (const item of Object.values(doc.paths)) {
        for (const status of ['429', '500', '502', '503', '504']) delete item.post.responses[status]
      }
    })
    const result = await gateOn(folder, base, spec)
    expect(result.ok).toBe(true)
    expect(result.breaking).toEqual([])
    expect(result.additive.filter((c) => /\/responses\/(429|5\d\d)$/.test(c.path))).toHaveLength(
      5 * Object.keys(spec.paths).length,
    )
  })

  it('reads majors of semantic versions and rejects anything else', () => {
    expect(majorOf('1.0.0')).toBe(1)
    expect(majorOf('12.3.4-beta.1')).toBe(12)
    expect(() => majorOf('2024-01')).toThrow('info.version "2024-01" is not a semantic version')
  })
})

describe.concurrent('check:breaking CLI', () => {
  const cli = fileURLToPath(new URL('../../scripts/check-breaking.mjs', import.meta.url))

  async function run(base: OpenApiDocument | string, head: OpenApiDocument) {
    const basePath = typeof base === 'string' ? base : folder.write(base)
    const args = [cli, '--base', basePath, '--head', folder.write(head)]
    try {
      const { stdout } = await promisify(execFile)('node', args, { encoding: 'utf8' })
      return { code: 0, output: stdout }
    } catch (error) {
      const failed = error as { code: number; stderr: string }
      return { code: failed.code, output: failed.stderr }
    }
  }

  it('exits 1 and prints the report on a breaking change', async () => {
    const { code, output } = await run(spec, withoutDeleteAt('1.0.1'))
    expect(code).toBe(1)
    expect(output).toContain('1 breaking change(s):')
    expect(output).toContain('#/paths/~1credentials~1deleteCredential')
  })

  it('exits 0 when nothing breaks', async () => {
    expect(await run(spec, spec)).toEqual({
      code: 0,
      output: expect.stringContaining('No breaking change.'),
    })
  })

  it('exits 2 naming the file when the comparison cannot run', async () => {
    const { code, output } = await run('/nonexistent/openapi.json', spec)
    expect(code).toBe(2)
    expect(output).toContain('check:breaking could not run: redocly diff /nonexistent/openapi.json')
    expect(output).toContain('does not exist')
  })
})
