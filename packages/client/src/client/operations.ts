import type { operations } from '../generated/schema.ts'

/** The operationIds of the spec; each is `POST /credentials/<operationId>`. */
export type OperationId = keyof operations

/** The JSON body of an operation's 200 response. */
export type OkBody<Op extends OperationId> =
  operations[Op]['responses'][200]['content']['application/json']

/** The JSON body an operation sends. */
export type RequestBody<Op extends OperationId> =
  operations[Op]['requestBody']['content']['application/json']

export function operationPath<Op extends OperationId>(operation: Op): `/credentials/${Op}` {
  return `/credentials/${operation}`
}
