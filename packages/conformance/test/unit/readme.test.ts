// The README is the kit's manual: it must list exactly the checks the kit has, every option,
// and read at 100 columns.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { USAGE } from '../../src/cli/args.js'
import { checks } from '../../src/index.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const section = (title: string) => {
  const start = readme.indexOf(`\n## ${title}\n`)
  expect(start, title).toBeGreaterThan(-1)
  const end = readme.indexOf('\n## ', start + 1)
  return readme.slice(start, end === -1 ? undefined : end)
}

describe('README', () => {
  it('reads at 100 columns', () => {
    const long = readme.split('\n').filter((line) => line.length > 100)
    expect(long).toEqual([])
  })

  it('explains every check, by id, in the order the kit reports them', () => {
    const listed = [...section('The checks').matchAll(/^- `([a-z]+\.[a-z-]+)`: /gm)].map(
      (m) => m[1],
    )
    expect(listed).toEqual(checks.map((c) => c.id))
  })

  it('documents every option of the command', () => {
    const options = section('Options')
    for (const [option] of USAGE.matchAll(/--[a-z-]+/g)) {
      if (option === '--help' || option === '--version') continue
      expect(options, option).toContain(`\`${option}`)
    }
  })

  it('leads with running it against your own server, then a GitHub Actions job', () => {
    const order = [
      '## Run it against your own server, safely',
      '## In GitHub Actions',
      '## The checks',
    ]
    const at = order.map((title) => readme.indexOf(title))
    expect(at.every((i) => i > -1)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    const job = section('In GitHub Actions')
    expect(job).toContain('npx --yes @solapi/credentials-conformance --report junit=')
    expect(job).toContain('actions/upload-artifact')
  })
})
