// @ts-check
// The TypeScript template: @solapi/credentials-client, which signs every request itself and
// throws a typed CredentialsError on failure. The client's method for an operation takes the
// request body's fields in order, so the example's values are the call's arguments.

/** @param {unknown} value */
const tsLiteral = (value) =>
  typeof value === 'string'
    ? `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
    : JSON.stringify(value)

/** @param {import('./prints.mjs').Print} print */
function printLines(print) {
  const lines = print.note ? [`// ${print.note}`] : []
  if (print.message) {
    const text = print.message.replace(/\{(\w+)\}/g, (_, field) => `\${result.${field}}`)
    lines.push(`console.log(\`${text}\`)`)
  } else if (print.each) {
    const fields = (print.fields ?? []).map((field) => `entry.${field}`)
    lines.push(
      `for (const [apiKey, entry] of Object.entries(result.${print.each})) {`,
      `  console.log(${['apiKey', ...fields].join(', ')})`,
      '}',
    )
  } else {
    lines.push(`console.log(${(print.fields ?? []).map((field) => `result.${field}`).join(', ')})`)
  }
  return lines.join('\n')
}

/** @param {import('./sample-input.mjs').SampleInput} input */
export function typescriptSample({
  operationId,
  summary,
  method,
  path,
  body,
  print,
  defaults,
  signing,
}) {
  const args = Object.values(body).map(tsLiteral).join(', ')
  return `// ${summary}: ${method} ${path} with @solapi/credentials-client, which signs
// every request (${signing.algorithm}, fresh date and salt) and throws a typed CredentialsError on failure.
import { createCredentialsClient } from '@solapi/credentials-client'

const client = createCredentialsClient({
  apiKey: process.env.SOLAPI_API_KEY ?? '${defaults.apiKey}',
  apiSecret: process.env.SOLAPI_API_SECRET ?? '${defaults.apiSecret}',
  baseUrl: process.env.SOLAPI_BASE_URL ?? '${defaults.baseUrl}',
})

const result = await client.${operationId}(${args})
${printLines(print)}
`
}
