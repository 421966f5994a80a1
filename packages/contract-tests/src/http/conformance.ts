// Holds one response to what the spec documents for its operation: no server error, a
// documented status, a documented content type, and a body valid against the documented
// schema. Expectations about which status (e.g. 400 for invalid data) are the caller's.
import { type Contract, type Operation, responseFor } from '@solapi/credentials-spec'
import type { Exchange } from './exchange.js'
import { describeExchange } from './exchange.js'

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

/** Every way the response departs from the operation's documented responses. */
export function conformanceProblems(
  contract: Contract,
  op: Operation,
  { response }: Exchange,
): string[] {
  const problems: string[] = []
  if (response.status >= 500) problems.push(`server error ${response.status}`)
  const documented = responseFor(op, response.status)
  if (!documented) {
    const listed = Object.keys(op.responses).join(', ')
    problems.push(
      `status ${response.status} is not documented for ${op.operationId} (documented: ${listed})`,
    )
    return problems
  }
  const mediaTypes = Object.keys(documented.content)
  if (mediaTypes.length === 0) {
    if (response.text.length > 0)
      problems.push(`status ${response.status} documents no body, got one`)
    return problems
  }
  const mediaType = response.mediaType
  const media =
    mediaType !== undefined && Object.hasOwn(documented.content, mediaType)
      ? documented.content[mediaType]
      : undefined
  if (!media) {
    problems.push(
      `content type ${mediaType ?? '(none)'} is not documented for ${response.status} (documented: ${mediaTypes.join(', ')})`,
    )
    return problems
  }
  if (!/[/+]json$/.test(media.mediaType)) return problems
  let body: unknown
  try {
    body = JSON.parse(response.text)
  } catch {
    problems.push(`the ${media.mediaType} body does not parse as JSON`)
    return problems
  }
  const verdict = contract.validator().validate(media.schemaPointer, body)
  for (const error of verdict.errors) {
    problems.push(
      `response body ${error.field || '(root)'} ${error.message} (${error.rule}, schema ${media.schemaPointer})`,
    )
  }
  return problems
}

/** Throws a ContractViolation listing the conformance problems plus any extra ones. */
export function assertConforms(
  contract: Contract,
  op: Operation,
  exchange: Exchange,
  extra: string[] = [],
): void {
  const problems = [...extra, ...conformanceProblems(contract, op, exchange)]
  if (problems.length > 0) throw new ContractViolation(problems, exchange)
}
