#!/usr/bin/env node
// Writes src/generated/commands.ts: one command per operation of the contract (two for the
// status update, one per value of its enum), with its arguments, their rules, its help text and
// its examples, read through @solapi/credentials-spec at `pnpm generate` time. The published CLI
// then follows the spec without carrying the spec's JSON or its validator at run time.
//
// What the spec cannot say is in COMMANDS below: the name people type, and which commands
// change something that needs a confirmation. Every operation of the spec must have a command,
// and every value of a request enum that a command fixes must have one, or this script fails.
import { writeFileSync } from 'node:fs'
import { credentialsContract } from '@solapi/credentials-spec'

const OUTPUT = new URL('../src/generated/commands.ts', import.meta.url)
const API_SECRET_REF = '#/components/schemas/ApiSecret'

/**
 * @typedef {object} CommandPlan
 * @property {string} name
 * @property {string} operationId
 * @property {Record<string, string>} [fixed] body fields the command sets itself
 * @property {string} [confirm] why the command asks first (shown in the prompt)
 * @property {boolean} [guardsSelf] refuses to act on the key it signs with
 * @property {{ option: string, field: string }[]} [filters] options that filter the answer
 */

/** @type {CommandPlan[]} */
const COMMANDS = [
  {
    name: 'list',
    operationId: 'getCredentialList',
    filters: [{ option: 'status', field: 'credentialStatus' }],
  },
  { name: 'get', operationId: 'getCredentialInfo' },
  { name: 'create', operationId: 'createCredential' },
  {
    name: 'regenerate-secret',
    operationId: 'regenerateSecretKey',
    confirm: 'its current secret stops working at once',
    // The CLI signs with the secret it would replace: it would lose its own access.
    guardsSelf: true,
  },
  {
    name: 'activate',
    operationId: 'updateCredentialStatus',
    fixed: { credentialStatus: 'active' },
  },
  {
    name: 'deactivate',
    operationId: 'updateCredentialStatus',
    fixed: { credentialStatus: 'inactive' },
    confirm: 'requests signed with it are refused until it is activated again',
    guardsSelf: true,
  },
  {
    name: 'delete',
    operationId: 'deleteCredential',
    confirm: 'this cannot be undone',
    guardsSelf: true,
  },
]

const fail = (message) => {
  throw new Error(`generate-commands: ${message}`)
}

const unknown = COMMANDS.filter(
  (c) => !credentialsContract.operations.some((o) => o.operationId === c.operationId),
)
if (unknown.length) fail(`no operation ${unknown.map((c) => c.operationId).join(', ')} in the spec`)
for (const operation of credentialsContract.operations) {
  if (!COMMANDS.some((c) => c.operationId === operation.operationId)) {
    fail(`the spec's operation ${operation.operationId} has no command: add it to COMMANDS`)
  }
}

/** The request body's JSON schema of an operation, refs resolved. */
function requestSchema(operation) {
  const media = operation.requestBody?.content['application/json']
  if (!media) fail(`${operation.operationId} has no application/json request body`)
  return credentialsContract.resolveRef(media.schema)
}

/** A property's schema with its `$ref` followed, keeping the property's own description. */
function property(schema, name) {
  const raw = schema.properties?.[name]
  if (!raw) fail(`no property ${name}`)
  const resolved = credentialsContract.resolveRef(raw)
  return { ...resolved, description: raw.description ?? resolved.description }
}

/** The rule of a string field as the CLI checks it. */
function rule(name, schema) {
  if (Array.isArray(schema.enum)) {
    return { name, description: schema.description ?? '', enum: schema.enum.map(String) }
  }
  if (typeof schema.pattern !== 'string') fail(`${name} has neither a pattern nor an enum`)
  return {
    name,
    description: schema.description ?? '',
    pattern: schema.pattern,
    minLength: schema.minLength ?? 0,
    maxLength: schema.maxLength ?? 1_000_000,
  }
}

/** The first response field with this name anywhere in the 200 answer, for a filter. */
function responseField(operation, field) {
  const seen = new Set()
  const walk = (node) => {
    const schema = credentialsContract.resolveRef(node)
    if (!schema || typeof schema !== 'object' || seen.has(schema)) return undefined
    seen.add(schema)
    if (schema.properties?.[field]) return property(schema, field)
    for (const child of [
      ...Object.values(schema.properties ?? {}),
      ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []),
    ]) {
      const found = walk(child)
      if (found) return found
    }
    return undefined
  }
  const media = operation.responses['200']?.content['application/json']
  return (media && walk(media.schema)) ?? fail(`${operation.operationId} answers no ${field}`)
}

// Every enum value of a fixed field gets its own command.
for (const operationId of new Set(COMMANDS.filter((c) => c.fixed).map((c) => c.operationId))) {
  const schema = requestSchema(credentialsContract.operation(operationId))
  const plans = COMMANDS.filter((c) => c.operationId === operationId)
  for (const field of Object.keys(plans[0].fixed)) {
    for (const value of property(schema, field).enum ?? []) {
      if (!plans.some((p) => p.fixed?.[field] === value)) {
        fail(`${operationId}'s ${field} can be ${value}, and no command sets it: add one`)
      }
    }
  }
}

const specCommands = COMMANDS.map((plan) => {
  const operation = credentialsContract.operation(plan.operationId)
  const schema = requestSchema(operation)
  const fixed = plan.fixed ?? {}
  const required = (schema.required ?? []).filter((name) => !(name in fixed))
  const optional = Object.keys(schema.properties ?? {}).filter(
    (name) => !required.includes(name) && !(name in fixed),
  )
  if (optional.length) fail(`${plan.operationId}: optional body fields ${optional} need options`)
  const args = required.map((name) => rule(name, property(schema, name)))
  const examples = Object.values(operation.requestBody?.content['application/json'].examples ?? {})
    .filter((value) => Object.entries(fixed).every(([k, v]) => value?.[k] === v))
    .map((value) => [plan.name, ...args.map((a) => String(value[a.name]))].join(' '))
  const okMedia = operation.responses['200']?.content['application/json']
  if (!okMedia) fail(`${plan.operationId} documents no 200 JSON answer`)
  const filters = (plan.filters ?? []).map(({ option, field }) => ({
    option,
    field,
    ...rule(field, responseField(operation, field)),
  }))
  const description = String(operation.raw.description ?? '').trim()
  const summary =
    plan.fixed && Object.keys(plan.fixed).length
      ? `${operation.summary} to ${Object.values(fixed).join(', ')}`
      : (operation.summary ?? plan.name)
  return {
    name: plan.name,
    operationId: plan.operationId,
    method: operation.method.toUpperCase(),
    path: operation.path,
    summary,
    description,
    args,
    fixed,
    filters,
    examples: [...new Set(examples)],
    returnsSecret: credentialsContract.reaches(okMedia.schema, API_SECRET_REF),
    confirm: plan.confirm ?? null,
    guardsSelf: plan.guardsSelf === true,
  }
})

const apiKey = rule(
  'apiKey',
  credentialsContract.resolveRef({ $ref: '#/components/schemas/ApiKey' }),
)
const apiSecret = rule(
  'apiSecret',
  credentialsContract.resolveRef({ $ref: '#/components/schemas/ApiSecret' }),
)
const status = rule(
  'credentialStatus',
  credentialsContract.resolveRef({ $ref: '#/components/schemas/CredentialStatus' }),
)
const servers = (credentialsContract.document.servers ?? []).map((s) => ({
  url: s.url,
  description: s.description ?? '',
}))

const json = (value) => JSON.stringify(value, null, 2)

const text = `// Generated by \`pnpm generate\` (packages/cli/scripts/generate-commands.mjs) from the
// operations of @solapi/credentials-spec. Do not edit.
import type { CommandSpec, FieldRule, ServerSpec } from '../command-spec.js'

/** The spec's version these commands were generated from. */
export const SPEC_VERSION = ${json(String(credentialsContract.document.info?.version ?? ''))}

/** The spec's \`ApiKey\` schema. */
export const API_KEY_RULE: FieldRule = ${json(apiKey)}

/** The spec's \`ApiSecret\` schema. */
export const API_SECRET_RULE: FieldRule = ${json(apiSecret)}

/** The spec's \`CredentialStatus\` schema. */
export const CREDENTIAL_STATUS_RULE: FieldRule = ${json(status)}

/** The spec's servers, the first being the default. */
export const SERVERS: readonly ServerSpec[] = ${json(servers)}

/** One command per operation (per status for updateCredentialStatus), in the help's order. */
export const SPEC_COMMANDS: readonly CommandSpec[] = ${json(specCommands)}
`

writeFileSync(OUTPUT, text)
