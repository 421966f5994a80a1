import { readFileSync } from 'node:fs'
import { listOperations, sandboxControlDocument } from '@solapi/credentials-spec'
import { describe, expect, it } from 'vitest'
import { DEFAULT_PORT, ENV_NAMES } from '../../src/config.js'

// The README is the consumer's documentation: its examples must run and its lists must say what
// the code does.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const example = (file: string) =>
  readFileSync(new URL(`../../examples/vitest/${file}`, import.meta.url), 'utf8')

/** The ```ts block whose first line is `// <name>...`, without that line. */
function block(name: string): string {
  const found = [...readme.matchAll(/```ts\n(\/\/ [^\n]*)\n([\s\S]*?)```/g)].find(([, first]) =>
    first?.startsWith(`// ${name}`),
  )
  return found?.[2] ?? ''
}

describe('README', () => {
  it('shows the vitest example exactly as examples/vitest runs it', () => {
    expect(block('global-setup.ts')).toBe(example('global-setup.ts'))
    expect(block('credentials.test.ts')).toBe(example('credentials.example.test.ts'))
  })

  it('lists every control API operation with its method, path and operationId', () => {
    for (const op of listOperations(sandboxControlDocument)) {
      const entry = `- \`${op.method.toUpperCase()} ${op.path}`
      const line = readme.split('\n').find((l) => l.startsWith(entry))
      expect(line, `${op.method} ${op.path}`).toContain(`(\`${op.operationId}\`)`)
    }
  })

  it('lists every environment variable the bin reads', () => {
    for (const name of [...Object.values(ENV_NAMES), 'HOST', 'SANDBOX_CONTROL', 'DATABASE_URL']) {
      expect(readme, name).toMatch(new RegExp(`^- (\`\\w+\`, )?\`${name}\`[ ,]`, 'm'))
    }
    expect(readme).toContain(`- \`PORT\` (default \`${DEFAULT_PORT}\`)`)
    expect(readme).toContain('- `DATABASE` (default `:memory:`)')
  })
})
