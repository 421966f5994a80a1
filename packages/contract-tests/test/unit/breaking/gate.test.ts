import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { majorOf, runGate } from '../../../src/breaking/gate.js'
import { loadDocument } from '../../../src/spec/openapi.js'
import type { OpenApiDocument, SchemaObject } from '../../../src/spec/types.js'

const spec = loadDocument()

function withoutDeleteAt(version: string): OpenApiDocument {
  const copy = structuredClone(spec)
  delete copy.paths['/credentials/deleteCredential']
  copy.info.version = version
  return copy
}

describe('runGate', () => {
  it('passes the committed baseline against the current bundle', () => {
    const baseline = loadDocument(
      new URL('../../../../../spec/baseline/openapi.json', import.meta.url),
    )
    const result = runGate(baseline, spec)
    expect(result.breaking.map((c) => c.pointer)).toEqual([])
    expect(result.ok).toBe(true)
  })

  it('fails a breaking change without a major bump, naming the place and the fix', () => {
    const result = runGate(spec, withoutDeleteAt('1.1.0'))
    expect(result.ok).toBe(false)
    expect(result.report).toContain(
      'operation-removed at /paths/~1credentials~1deleteCredential/post: operation POST /credentials/deleteCredential removed',
    )
    expect(result.report).toContain('bump info.version in spec/openapi.yaml to 2.0.0')
  })

  it('allows the same breaking change when the major version is bumped', () => {
    const result = runGate(spec, withoutDeleteAt('2.0.0'))
    expect(result.ok).toBe(true)
    expect(result.majorBumped).toBe(true)
    expect(result.breaking).toHaveLength(1)
    expect(result.report).toContain("Allowed: info.version's major went from 1 to 2.")
  })

  it('passes additive changes without a bump', () => {
    const head = structuredClone(spec)
    const credentialInfo = head.components?.schemas?.CredentialInfo as SchemaObject
    credentialInfo.properties.label = { type: 'string' }
    const result = runGate(spec, head)
    expect(result.ok).toBe(true)
    expect(result.additive).toHaveLength(1)
  })

  it('reads majors of semantic versions and rejects anything else', () => {
    expect(majorOf('1.0.0')).toBe(1)
    expect(majorOf('12.3.4-beta.1')).toBe(12)
    expect(() => majorOf('2024-01')).toThrow('info.version "2024-01" is not a semantic version')
  })
})

describe('check:breaking CLI', () => {
  const cli = fileURLToPath(new URL('../../../dist/breaking/cli.js', import.meta.url))
  const dir = mkdtempSync(join(tmpdir(), 'check-breaking-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  function run(base: OpenApiDocument, head: OpenApiDocument) {
    const basePath = join(dir, 'base.json')
    const headPath = join(dir, 'head.json')
    writeFileSync(basePath, JSON.stringify(base))
    writeFileSync(headPath, JSON.stringify(head))
    try {
      const stdout = execFileSync('node', [cli, '--base', basePath, '--head', headPath], {
        encoding: 'utf8',
        stdio: 'pipe',
      })
      return { code: 0, output: stdout }
    } catch (error) {
      const failed = error as { status: number; stderr: string }
      return { code: failed.status, output: failed.stderr }
    }
  }

  it('exits 1 and prints the report on a breaking change', () => {
    const { code, output } = run(spec, withoutDeleteAt('1.0.1'))
    expect(code).toBe(1)
    expect(output).toContain('1 breaking change(s):')
    expect(output).toContain('/paths/~1credentials~1deleteCredential/post')
  })

  it('exits 0 when nothing breaks', () => {
    expect(run(spec, spec)).toEqual({
      code: 0,
      output: expect.stringContaining('No breaking change.'),
    })
  })
})
