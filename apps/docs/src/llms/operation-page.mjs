// @ts-check
// One operation as a Markdown page for agents and readers without a browser: what it does, its
// request fields, its code samples, then every response with its fields, error codes and
// examples. Everything comes from the spec (through @solapi/credentials-spec) and from the
// generated code samples, the same sources as the HTML page.

import { fence, json, table } from './markdown.mjs'
import { errorCodes, fieldRows } from './schema-fields.mjs'

/** @typedef {import('@solapi/credentials-spec').Operation} Operation */
/** @typedef {import('../../samples/code-samples.mjs').CodeSample} CodeSample */

/** Where an operation's page is, relative to the build output. @param {string} operationId */
export const operationPagePath = (operationId) => `md/operations/${operationId}.md`

/** @param {import('./schema-fields.mjs').FieldRow[]} rows */
function fieldTable(rows) {
  if (rows.length === 0) return 'No fields.'
  return table(
    ['Field', 'Type', 'Required', 'Rules', 'Description'],
    rows.map((row) => [
      `\`${row.name}\``,
      row.type,
      row.required ? 'yes' : 'no',
      row.rules.join('; '),
      row.description,
    ]),
  )
}

/** @param {Record<string, unknown>} examples */
function examplesOf(examples) {
  return Object.entries(examples).map(([name, value]) => `Example \`${name}\`:\n\n${json(value)}`)
}

/**
 * The codes of every error response of an operation, with their status.
 * @param {Operation} operation
 * @returns {{ status: string, code: string }[]}
 */
export function operationErrorCodes(operation) {
  return Object.values(operation.responses).flatMap((response) =>
    Number(response.status) >= 400 || !/^\d+$/.test(response.status)
      ? Object.values(response.content).flatMap((media) =>
          errorCodes(media.schema).map((code) => ({ status: response.status, code })),
        )
      : [],
  )
}

/**
 * @param {Operation} operation
 * @param {{ samples: CodeSample[], security: string }} extra the operation's code samples, and
 *   a line on how its requests are signed
 * @returns {string}
 */
export function operationPage(operation, { samples, security }) {
  const raw = /** @type {Record<string, any>} */ (operation.raw)
  const title = operation.summary ?? operation.operationId
  const parts = [
    `# ${title}`,
    `\`${operation.method.toUpperCase()} ${operation.path}\` (operationId \`${operation.operationId}\`)`,
    String(raw.description ?? '').trim(),
    security,
  ]
  if (operation.parameters.length > 0) {
    parts.push(
      '## Parameters',
      table(
        ['Name', 'In', 'Required', 'Description'],
        operation.parameters.map((p) => [
          `\`${p.name}\``,
          p.in,
          p.required ? 'yes' : 'no',
          p.description ?? '',
        ]),
      ),
    )
  }
  parts.push('## Request')
  const body = operation.requestBody
  if (body) {
    for (const media of Object.values(body.content)) {
      parts.push(
        `Body (\`${media.mediaType}\`${body.required ? ', required' : ''}):`,
        fieldTable(fieldRows(media.schema)),
        ...examplesOf(media.examples),
      )
    }
  } else {
    parts.push('No body.')
  }
  if (samples.length > 0) {
    parts.push('## Code samples')
    for (const sample of samples) {
      parts.push(`### ${sample.label}`, fence(sample.extension, sample.source.join('\n')))
    }
  }
  parts.push('## Responses')
  const codes = operationErrorCodes(operation)
  if (codes.length > 0) {
    parts.push(
      '### Error codes',
      table(
        ['Status', 'Code'],
        codes.map(({ status, code }) => [status, `\`${code}\``]),
      ),
    )
  }
  for (const response of Object.values(operation.responses)) {
    parts.push(`### ${response.status}`, response.description)
    const headers = Object.values(response.headers)
    if (headers.length > 0) {
      parts.push(
        'Headers:',
        table(
          ['Header', 'Required', 'Description'],
          headers.map((h) => [`\`${h.name}\``, h.required ? 'yes' : 'no', h.description ?? '']),
        ),
      )
    }
    for (const media of Object.values(response.content)) {
      parts.push(
        `Body (\`${media.mediaType}\`):`,
        fieldTable(fieldRows(media.schema)),
        ...examplesOf(media.examples),
      )
    }
  }
  return `${parts.filter(Boolean).join('\n\n')}\n`
}
