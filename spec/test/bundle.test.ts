import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const specDir = fileURLToPath(new URL('..', import.meta.url))

describe('spec/dist', () => {
  it('equals a fresh bundle of the hand-written spec', () => {
    const output = execFileSync('node', ['scripts/bundle.mjs', '--check'], {
      cwd: specDir,
      encoding: 'utf8',
    })
    expect(output).toContain('matches a fresh bundle')
  })
})

describe('versions', () => {
  it("info.version is the spec package's version, which releases bump", () => {
    const pkg = JSON.parse(readFileSync(`${specDir}/package.json`, 'utf8'))
    const bundled = JSON.parse(readFileSync(`${specDir}/dist/openapi.json`, 'utf8'))
    expect(bundled.info.version).toBe(pkg.version)
  })
})
