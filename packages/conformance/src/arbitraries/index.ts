// @solapi/credentials-conformance/arbitraries: fast-check arbitraries built from the spec's JSON
// Schemas (valid bodies, bodies with one rule broken, transport faults, broken Authorization
// headers), for property-based suites of your own.
export {
  type AuthorizationFault,
  authorizationFaultArbitrary,
  EXPECTED_AUTH_STATUS,
  faultyAuthorization,
  randomSalt,
  type Signer,
  type SigningInput,
} from './authorization.js'
export { type BrokenRule, type InvalidBody, invalidArbitrary } from './invalid.js'
export {
  type RawRequestBody,
  TRANSPORT_FAULTS,
  type TransportFault,
  transportFaultArbitrary,
} from './transport.js'
export { type ValidArbitraryOptions, validArbitrary } from './valid.js'
