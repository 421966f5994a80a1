import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from '../../src/client/create-credentials-client.ts'
import { DEFAULT_RETRY_POLICIES, RETRY_DEFAULTS } from '../../src/index.ts'

// The README's tables are the user's documentation of the defaults: they must say what the code does.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const row = (first: string) =>
  readme
    .split('\n')
    .find((line) => new RegExp(`^\\| \`${first.replace('.', '\\.')}\` +\\|`).test(line))
    ?.split('|')
    .map((cell) => cell.trim()) ?? []

describe('README', () => {
  it('documents the default retry policy of every operation', () => {
    for (const [operation, policy] of Object.entries(DEFAULT_RETRY_POLICIES)) {
      expect(row(operation)[2], operation).toBe(`\`${policy}\``)
    }
  })

  it('documents the option defaults the code uses', () => {
    expect(row('baseUrl')[3]).toBe(`\`'${DEFAULT_BASE_URL}'\``)
    expect(row('timeoutMs')[3]).toBe(`\`${DEFAULT_TIMEOUT_MS}\``)
    expect(row('retry.limit')[3]).toBe(`\`${RETRY_DEFAULTS.limit}\``)
    expect(row('retry.baseDelayMs')[3]).toBe(`\`${RETRY_DEFAULTS.baseDelayMs}\``)
    expect(row('retry.maxDelayMs')[3]).toBe(`\`${RETRY_DEFAULTS.maxDelayMs}\``)
    expect(row('dangerouslyAllowBrowser')[3]).toBe('`false`')
  })
})
