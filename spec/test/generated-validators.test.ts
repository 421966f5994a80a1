// The bundled documents' generated validators (src/generated/*-validators.js) against Ajv
// compiling the same schemas at run time: the same verdicts and the same errors, for every
// schema an operation names; and a process that validates against them never loads Ajv.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  createValidator,
  credentialsDocument,
  listOperations,
  type OpenApiDocument,
  sandboxControlDocument,
} from '../src/index.js'

const DOCUMENTS = [
  ['the Credentials API', credentialsDocument],
  ['the sandbox control API', sandboxControlDocument],
] as const

/** Every schema an operation of the document validates against, with the values to try on it. */
function namedSchemas(document: OpenApiDocument) {
  const schemas = new Map<string, unknown[]>()
  const add = (pointer: string, examples: Record<string, unknown>) =>
    schemas.set(pointer, [...(schemas.get(pointer) ?? []), ...Object.values(examples)])
  for (const operation of listOperations(document)) {
    for (const media of Object.values(operation.requestBody?.content ?? {})) {
      add(media.schemaPointer, media.examples)
    }
    for (const response of Object.values(operation.responses)) {
      for (const media of Object.values(response.content)) add(media.schemaPointer, media.examples)
    }
    for (const parameter of operation.parameters) add(parameter.schemaPointer, {})
  }
  return schemas
}

/** Values of each kind, and each example broken: a field dropped, one added, one retyped. */
function probes(examples: unknown[]): unknown[] {
  const broken = examples.flatMap((example) => {
    if (!example || typeof example !== 'object' || Array.isArray(example)) return []
    const entries = Object.entries(example)
    const [first] = entries
    return [
      Object.fromEntries(entries.slice(1)),
      { ...example, unexpected: 1 },
      ...(first ? [{ ...example, [first[0]]: [first[1]] }] : []),
    ]
  })
  return [...examples, ...broken, {}, null, 'x', 1000, 0, 2.5, [], { apiKey: '한국어' }]
}

describe.each(DOCUMENTS)('the generated validators of %s', (_name, document) => {
  // A copy is not the bundled document, so its validator compiles each schema with Ajv.
  const generated = createValidator(document)
  const compiled = createValidator(structuredClone(document))
  const schemas = namedSchemas(document)

  it('cover schemas of every kind an operation names', () => {
    expect(schemas.size).toBeGreaterThan(5)
  })

  it('give the verdicts and errors Ajv gives, for every schema an operation names', () => {
    for (const [pointer, examples] of schemas) {
      for (const value of probes(examples)) {
        expect(generated.validate(pointer, value), `${pointer} ${JSON.stringify(value)}`).toEqual(
          compiled.validate(pointer, value),
        )
      }
    }
  })
})

describe('a process that validates against the bundled documents', () => {
  /**
   * Runs `script` as an ES module in a new Node process, from the built package; returns what it
   * prints. The script may call `ajvLoaded()`: whether Ajv's compiler is loaded yet.
   */
  const run = (script: string) =>
    execFileSync(process.execPath, ['--input-type=module', '-e', PRELUDE + script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
    })
  const PRELUDE = `
    import { createRequire } from 'node:module'
    const cache = createRequire(import.meta.url).cache
    const ajvLoaded = () => Object.keys(cache).some((file) => file.includes('/ajv/dist/compile/'))
  `
  const AJV_LOADED = 'console.log(ajvLoaded())'

  it('loads no Ajv compiler, for every request, response and parameter schema', () => {
    const printed = run(`
      import { createValidator, credentialsContract, sandboxControlDocument, listOperations } from './lib/index.js'
      const check = (document, validator) => {
        for (const operation of listOperations(document)) {
          for (const media of Object.values(operation.requestBody?.content ?? {})) validator.validate(media.schemaPointer, {})
          for (const response of Object.values(operation.responses))
            for (const media of Object.values(response.content)) validator.validate(media.schemaPointer, {})
          for (const parameter of operation.parameters) validator.validate(parameter.schemaPointer, 1)
        }
      }
      check(credentialsContract.document, credentialsContract.validator())
      check(sandboxControlDocument, createValidator(sandboxControlDocument))
      ${AJV_LOADED}`)
    expect(printed.trim()).toBe('false')
  })

  it('loads Ajv for a schema of another document, on first use', () => {
    const printed = run(`
      import { createContract, credentialsDocument } from './lib/index.js'
      const other = createContract(structuredClone(credentialsDocument)).validator()
      ${AJV_LOADED}
      console.log(JSON.stringify(other.validate('/components/schemas/ApiKey', 'short').errors.map((e) => e.rule)))
      ${AJV_LOADED}`)
    expect(printed.trim().split('\n')).toEqual(['false', '["minLength","pattern"]', 'true'])
  })
})
