import { readFileSync } from 'node:fs'
import { credentialsContract, type Schema, type SchemaObject } from '@solapi/credentials-spec'
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

/** The Usage section's first ```ts block. */
const usage = /## Usage\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''

/**
 * The shape the Usage block's comment gives an operation's answer: the `// { ... }` after
 * `client.<operation>(` on its line, or on the next line. Returns the text from `{` to its `}`.
 */
function shownShape(operation: string): string {
  const lines = usage.split('\n')
  const at = lines.findIndex((line) => line.includes(`client.${operation}(`))
  const comment = [lines[at], lines[at + 1]]
    .map((line) => line?.split('// ')[1])
    .find((text) => text?.startsWith('{'))
  if (!comment) return ''
  let depth = 0
  for (let i = 0; i < comment.length; i++) {
    depth += comment[i] === '{' ? 1 : comment[i] === '}' ? -1 : 0
    if (depth === 0) return comment.slice(0, i + 1)
  }
  return ''
}

/** The top-level entries of `{ a, b?: { ... }, [key]: { ... }, c: 'x' }`, split at commas. */
function entries(shape: string): { name: string; optional: boolean; value?: string }[] {
  const inner = shape.trim().slice(1, -1)
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i <= inner.length; i++) {
    const char = inner[i]
    if (char === '{') depth++
    if (char === '}') depth--
    if ((char === ',' && depth === 0) || i === inner.length) {
      if (inner.slice(start, i).trim()) parts.push(inner.slice(start, i).trim())
      start = i + 1
    }
  }
  return parts.map((part) => {
    const match = /^([[\]\w]+)(\?)?(?::\s*([\s\S]+))?$/.exec(part)
    if (!match?.[1]) throw new Error(`cannot read "${part}" in ${shape}`)
    return { name: match[1], optional: match[2] === '?', value: match[3] }
  })
}

/** The differences between a shape the README shows and the spec's schema, as sentences. */
function mismatches(shape: string, schema: Schema, where: string): string[] {
  const object = credentialsContract.resolveRef(schema) as SchemaObject
  const value = shape.trim()
  if (value.startsWith("'")) {
    const enums = (object.enum as unknown[] | undefined) ?? []
    return enums.includes(value.slice(1, -1)) ? [] : [`${where} is not ${value} in the spec`]
  }
  if (!value.startsWith('{')) return []
  const properties = (object.properties ?? {}) as Record<string, Schema>
  const required = new Set((object.required as string[] | undefined) ?? [])
  const shown = entries(value)
  const problems: string[] = []
  for (const entry of shown) {
    if (entry.name.startsWith('[')) {
      const each = object.additionalProperties
      if (typeof each !== 'object') problems.push(`${where} is no map in the spec`)
      else if (entry.value) problems.push(...mismatches(entry.value, each as Schema, `${where}[]`))
      continue
    }
    const property = properties[entry.name]
    if (!property) {
      problems.push(`${where}.${entry.name} is not in the spec`)
      continue
    }
    if (entry.optional === required.has(entry.name)) {
      problems.push(`${where}.${entry.name} is ${required.has(entry.name) ? '' : 'not '}required`)
    }
    if (entry.value) problems.push(...mismatches(entry.value, property, `${where}.${entry.name}`))
  }
  if (!shown.some((entry) => entry.name.startsWith('['))) {
    for (const name of Object.keys(properties)) {
      if (!shown.some((entry) => entry.name === name)) problems.push(`${where}.${name} is missing`)
    }
  }
  return problems
}

describe('README', () => {
  it("shows every operation's 200 body as the spec's schema has it", () => {
    for (const op of credentialsContract.operations) {
      const shape = shownShape(op.operationId)
      expect(shape, `${op.operationId}: no // { ... } comment in Usage`).not.toBe('')
      const schema = op.responses['200']?.content['application/json']?.schema
      if (!schema) throw new Error(`${op.operationId} has no 200 JSON body in the spec`)
      expect(mismatches(shape, schema, op.operationId), op.operationId).toEqual([])
    }
  })

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
