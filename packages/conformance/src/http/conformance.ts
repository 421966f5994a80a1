// Holds one response to what the spec documents for its operation: a documented status, a
// documented content type, a body valid against the documented schema, and error codes the
// schema lists. Expectations about which status (e.g. 400 for invalid data) are the caller's.
import { type Contract, type Operation, responseFor } from '@solapi/credentials-spec'
import type { Exchange } from './exchange.js'
import { describeExchange } from './exchange.js'

/** What a problem is about; the conformance kit reports each kind under its own check. */
export type ProblemKind = 'status' | 'content-type' | 'schema' | 'error-code'

export interface ResponseProblem {
  kind: ProblemKind
  message: string
}

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

/** Fields that carry an error's code: `errorCode`, and `resultCode` in the 404 shape. */
const CODE_FIELDS = new Set(['/errorCode', '/resultCode'])

/** Every way the response departs from the operation's documented responses, by kind. */
export function responseProblems(
  contract: Contract,
  op: Operation,
  { response }: Exchange,
): ResponseProblem[] {
  const documented = responseFor(op, response.status)
  if (!documented) {
    const listed = Object.keys(op.responses).join(', ')
    return [
      {
        kind: 'status',
        message: `status ${response.status} is not documented for ${op.operationId} (documented: ${listed})`,
      },
    ]
  }
  const mediaTypes = Object.keys(documented.content)
  if (mediaTypes.length === 0) {
    return response.text.length > 0
      ? [{ kind: 'schema', message: `status ${response.status} documents no body, got one` }]
      : []
  }
  const mediaType = response.mediaType
  const media =
    mediaType !== undefined && Object.hasOwn(documented.content, mediaType)
      ? documented.content[mediaType]
      : undefined
  if (!media) {
    return [
      {
        kind: 'content-type',
        message: `content type ${mediaType ?? '(none)'} is not documented for ${response.status} (documented: ${mediaTypes.join(', ')})`,
      },
    ]
  }
  if (!/[/+]json$/.test(media.mediaType)) return []
  let body: unknown
  try {
    body = JSON.parse(response.text)
  } catch {
    return [{ kind: 'schema', message: `the ${media.mediaType} body does not parse as JSON` }]
  }
  const verdict = contract.validator().validate(media.schemaPointer, body)
  return verdict.errors.map((error) => ({
    kind: response.status >= 400 && CODE_FIELDS.has(error.field) ? 'error-code' : 'schema',
    message: `response body ${error.field || '(root)'} ${error.message} (${error.rule}, schema ${media.schemaPointer})`,
  }))
}

/** Every way the response departs from the spec, a server error first: one line each. */
export function conformanceProblems(
  contract: Contract,
  op: Operation,
  exchange: Exchange,
): string[] {
  const serverError =
    exchange.response.status >= 500 ? [`server error ${exchange.response.status}`] : []
  return [...serverError, ...responseProblems(contract, op, exchange).map((p) => p.message)]
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
