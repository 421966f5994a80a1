// The response group: every answer the run gets, to any request, is held to what the spec
// documents for its operation and status.
import { type ProblemKind, responseProblems } from '../http/conformance.js'
import type { ObserverCheck } from './types.js'

function observer(kind: ProblemKind, id: string, title: string): ObserverCheck {
  return {
    kind: 'observer',
    id,
    group: 'response',
    title,
    writes: false,
    observe: ({ op, exchange }, { contract }) =>
      responseProblems(contract, op, exchange)
        .filter((problem) => problem.kind === kind)
        .map((problem) => problem.message),
  }
}

export const responseChecks: ObserverCheck[] = [
  observer(
    'status',
    'response.status-documented',
    'every answer has a status the spec documents for its operation',
  ),
  observer(
    'content-type',
    'response.content-type',
    'every answer has a content type the spec documents for its status',
  ),
  observer(
    'schema',
    'response.schema',
    "every body is valid against its documented schema (JSON Schema 2020-12, the spec's Ajv)",
  ),
  observer(
    'error-code',
    'response.error-code',
    'every error body carries a code the spec documents for its status',
  ),
]
