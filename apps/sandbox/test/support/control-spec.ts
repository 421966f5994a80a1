import { createValidator, sandboxControlDocument } from '@solapi/credentials-spec'

const validator = createValidator(sandboxControlDocument)

/**
 * Checks a control API answer against what its spec documents for that operation and status,
 * so the tests hold the control API to its document.
 */
export function controlResponseErrors(
  operationId: string,
  status: number,
  body: unknown,
): string[] {
  return validator.response(operationId, status, body).errors.map((e) => `${e.field} ${e.message}`)
}
