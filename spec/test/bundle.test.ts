import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { specDir } from './load-spec.js'

describe('spec/dist', () => {
  it('equals a fresh bundle of the hand-written spec', () => {
    const output = execFileSync('node', ['scripts/bundle.mjs', '--check'], {
      cwd: specDir,
      encoding: 'utf8',
    })
    expect(output).toContain('matches a fresh bundle')
  })
})
