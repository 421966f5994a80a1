import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from '../../src/client/create-credentials-client.ts'
import { DEFAULT_RETRY_POLICIES, RETRY_DEFAULTS } from '../../src/index.ts'

// The README's lists are the user's documentation of the defaults: they must say what the code
// does. An item starts `- \`name\``; an option item says `default \`value\``, an operation item
// `: \`policy\``.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const item = (name: string) =>
  readme
    .split('\n')
    .find(
      (line) =>
        line.trimStart().startsWith(`- \`${name}\` `) ||
        line.trimStart().startsWith(`- \`${name}\`:`),
    ) ?? ''
const optionDefault = (name: string) => /, default (`[^`]+`)\)/.exec(item(name))?.[1]
const policyOf = (operation: string) => /^- `\w+`: (`[^`]+`)$/.exec(item(operation).trim())?.[1]

describe('README', () => {
  it('documents the default retry policy of every operation', () => {
    for (const [operation, policy] of Object.entries(DEFAULT_RETRY_POLICIES)) {
      expect(policyOf(operation), operation).toBe(`\`${policy}\``)
    }
  })

  it('documents the option defaults the code uses', () => {
    expect(optionDefault('baseUrl')).toBe(`\`'${DEFAULT_BASE_URL}'\``)
    expect(optionDefault('timeoutMs')).toBe(`\`${DEFAULT_TIMEOUT_MS}\``)
    expect(optionDefault('retry.limit')).toBe(`\`${RETRY_DEFAULTS.limit}\``)
    expect(optionDefault('retry.baseDelayMs')).toBe(`\`${RETRY_DEFAULTS.baseDelayMs}\``)
    expect(optionDefault('retry.maxDelayMs')).toBe(`\`${RETRY_DEFAULTS.maxDelayMs}\``)
    expect(optionDefault('dangerouslyAllowBrowser')).toBe('`false`')
  })
})
