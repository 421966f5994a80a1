import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

export const specDir = fileURLToPath(new URL('..', import.meta.url))

// biome-ignore lint/suspicious/noExplicitAny: the bundled document is walked generically
export type Json = any

export function loadBundledSpec(): Json {
  return JSON.parse(readFileSync(new URL('../dist/openapi.json', import.meta.url), 'utf8'))
}

/** An ajv (draft 2020-12) that resolves `#/components/...` refs against the bundled spec. */
export function createValidator(spec: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: 'openapi.json', components: spec.components })
  return (schema: Json, value: unknown) => {
    const ref = schema.$ref as string | undefined
    const validate = ref
      ? ajv.compile({ $ref: `openapi.json${ref}` })
      : ajv.compile({ $id: `inline-${Math.random()}`, ...schema })
    const valid = validate(value) as boolean
    return { valid, errors: validate.errors ?? [] }
  }
}

export const OPERATIONS = [
  'createCredential',
  'getCredentialInfo',
  'regenerateSecretKey',
  'getCredentialList',
  'updateCredentialStatus',
  'deleteCredential',
] as const

export function operation(spec: Json, operationId: string): Json {
  return spec.paths[`/credentials/${operationId}`].post
}

/** Resolves a local `$ref` (one level deep is all the bundle uses for responses/examples). */
export function deref(spec: Json, node: Json): Json {
  if (!node?.$ref) return node
  const path = (node.$ref as string).replace(/^#\//, '').split('/')
  return path.reduce((at: Json, key: string) => at[key], spec)
}
