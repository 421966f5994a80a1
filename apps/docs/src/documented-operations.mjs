// @ts-check
// The operations as the docs present them, read from the spec: id, summary, method, path and the
// first named request example (what the samples send and the console starts with).
import { credentialsContract } from '@solapi/credentials-spec'

/**
 * @typedef {object} DocumentedOperation
 * @property {string} operationId
 * @property {string} summary
 * @property {string} method upper case: `POST`
 * @property {string} path
 * @property {Record<string, unknown>} body
 */

/** @returns {DocumentedOperation[]} in the spec's order */
export function documentedOperations() {
  return credentialsContract.operations.map((operation) => {
    const examples = operation.requestBody?.content['application/json']?.examples ?? {}
    const [body] = Object.values(examples)
    if (!body || typeof body !== 'object') {
      throw new Error(
        `spec: ${operation.operationId} has no named application/json request example`,
      )
    }
    return {
      operationId: operation.operationId,
      summary: operation.summary ?? operation.operationId,
      method: operation.method.toUpperCase(),
      path: operation.path,
      body: /** @type {Record<string, unknown>} */ (body),
    }
  })
}
