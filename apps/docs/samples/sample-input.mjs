// @ts-check
// What the code-sample templates are fed, read from the spec through @solapi/credentials-spec:
// each operation (id, summary, method, path, its first request example), how to sign (the
// security scheme's x-solapi-signing) and where a sample points unless told otherwise (the
// spec's local mock, with the worked example's key pair: public, made for documentation).
import { credentialsContract } from '@solapi/credentials-spec'
import { documentedOperations } from '../src/documented-operations.mjs'
import { localServerUrl } from '../src/local-servers.mjs'
import { PRINTS } from './prints.mjs'

/**
 * @typedef {import('../src/documented-operations.mjs').DocumentedOperation & SampleExtras} SampleInput
 */

/**
 * @typedef {object} SampleExtras
 * @property {import('./prints.mjs').Print} print what the sample prints on success
 * @property {{ baseUrl: string, apiKey: string, apiSecret: string }} defaults
 * @property {Signing} signing
 */

/**
 * @typedef {object} Signing
 * @property {string} algorithm the header's method word: `HMAC-SHA256`
 * @property {string} hash the hash's name as openssl and Python's hashlib spell it: `sha256`
 * @property {(names: { apiKey: string, date: string, salt: string, signature: string }) => string} header
 *   the Authorization header with each part replaced by what the caller passes (a variable)
 * @property {(names: { date: string, salt: string }) => string} signed what the HMAC signs
 */

/** @returns {Signing} */
function signingRules() {
  const { signing } = credentialsContract
  const algorithm = signing.algorithms.find((rule) => rule.name === signing.defaultAlgorithm)
  if (!algorithm) throw new Error(`spec: no algorithm named ${signing.defaultAlgorithm}`)
  return {
    algorithm: algorithm.name,
    hash: algorithm.hash.toLowerCase().replaceAll('-', ''),
    header: (names) =>
      credentialsContract.formatAuthorization({ algorithm: algorithm.name, ...names }),
    signed: ({ date, salt }) =>
      signing.signingString.replace('{date}', date).replace('{salt}', salt),
  }
}

/** One input per operation of the spec, in the spec's order. */
export function sampleInputs() {
  const { apiKey, apiSecret } = credentialsContract.signing.workedExample
  const defaults = { baseUrl: localServerUrl('mock'), apiKey, apiSecret }
  const signing = signingRules()
  return documentedOperations().map((operation) => {
    const print = PRINTS[operation.operationId]
    if (!print) {
      throw new Error(
        `No entry for ${operation.operationId} in apps/docs/samples/prints.mjs: say what its samples print`,
      )
    }
    return { ...operation, print, defaults, signing }
  })
}
