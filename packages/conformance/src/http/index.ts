// @solapi/credentials-conformance/http: one recorded exchange and its conformance to the spec,
// for suites of your own (the kit's checks are built from these).
export {
  assertConforms,
  ContractViolation,
  conformanceProblems,
  type ProblemKind,
  type ResponseProblem,
  responseProblems,
} from './conformance.js'
export {
  describeExchange,
  describeRequest,
  describeResponse,
  type Exchange,
  type ExchangeOptions,
  exchange,
  jsonBody,
  type ReceivedResponse,
  type SentRequest,
} from './exchange.js'
export { redactSecrets, redactText } from './redact.js'
