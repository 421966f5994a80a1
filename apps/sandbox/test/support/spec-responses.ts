import { credentialsContract } from '@solapi/credentials-spec'

/**
 * Checks a response body against the schema the spec documents for that path and status, so
 * the tests hold the sandbox to the spec rather than to its own idea of it.
 */
export function responseSchemaErrors(path: string, status: number, body: unknown): string[] {
  const operation = credentialsContract.operations.find(
    (op) => op.path === path && op.method === 'post',
  )
  if (!operation?.responses[String(status)]) return [`spec documents no ${status} for POST ${path}`]
  const verdict = credentialsContract.validator().response(operation.operationId, status, body)
  return verdict.errors.map((e) => `${e.field} ${e.message}`)
}
