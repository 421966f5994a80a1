// Holds one response to what the spec documents for its operation: no server error, a
// documented status, a documented content type, and a body valid against the documented
// schema. Expectations about which status (e.g. 400 for invalid data) are the caller's.
import { documentedResponse, type OperationRef } from '../spec/openapi.js'
import type { OpenApiDocument } from '../spec/types.js'
import type { Exchange } from './exchange.js'
import { describeExchange } from './exchange.js'
import { locate, type SchemaValidator } from './validator.js'

/**
 * A response that departs from the spec. It keeps only the redacted account of the exchange:
 * test runners print an error's own properties, and the raw exchange carries the signature
 * and any apiSecret of the response.
 */
export class ContractViolation extends Error {
  override name = 'ContractViolation'
  readonly problems: string[]
  constructor(problems: string[], exchange: Exchange) {
    super(`${problems.map((p) => `✗ ${p}`).join('\n')}\n\n${describeExchange(exchange)}`)
    this.problems = problems
  }
}

function statusKey(op: OperationRef, status: number): string | undefined {
  const responses = op.operation.responses ?? {}
  return [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses)
}

/** Every way the response departs from the operation's documented responses. */
export function conformanceProblems(
  document: OpenApiDocument,
  validate: SchemaValidator,
  op: OperationRef,
  { response }: Exchange,
): string[] {
  const problems: string[] = []
  if (response.status >= 500) problems.push(`server error ${response.status}`)
  const key = statusKey(op, response.status)
  const documented = documentedResponse(document, op, response.status)
  if (!key || !documented) {
    const listed = Object.keys(op.operation.responses ?? {}).join(', ')
    problems.push(
      `status ${response.status} is not documented for ${op.operationId} (documented: ${listed})`,
    )
    return problems
  }
  const content: Record<string, unknown> = documented.content ?? {}
  const mediaTypes = Object.keys(content)
  if (mediaTypes.length === 0) {
    if (response.text.length > 0)
      problems.push(`status ${response.status} documents no body, got one`)
    return problems
  }
  const mediaType = response.mediaType
  if (!mediaType || !mediaTypes.includes(mediaType)) {
    problems.push(
      `content type ${mediaType ?? '(none)'} is not documented for ${response.status} (documented: ${mediaTypes.join(', ')})`,
    )
    return problems
  }
  if (!/[/+]json$/.test(mediaType)) return problems
  let body: unknown
  try {
    body = JSON.parse(response.text)
  } catch {
    problems.push(`the ${mediaType} body does not parse as JSON`)
    return problems
  }
  const pointer = locate(document, op.pointer, 'responses', key, 'content', mediaType, 'schema')
  const verdict = validate(pointer, body)
  for (const error of verdict.errors) {
    problems.push(
      `response body ${error.instancePath || '(root)'} ${error.message} (${error.keyword}, schema ${pointer})`,
    )
  }
  return problems
}

/** Throws a ContractViolation listing the conformance problems plus any extra ones. */
export function assertConforms(
  document: OpenApiDocument,
  validate: SchemaValidator,
  op: OperationRef,
  exchange: Exchange,
  extra: string[] = [],
): void {
  const problems = [...extra, ...conformanceProblems(document, validate, op, exchange)]
  if (problems.length > 0) throw new ContractViolation(problems, exchange)
}
