// Types derived from the generated OpenAPI types: every handler, request body and response body
// of the sandbox is typed from the spec, so a spec change the code does not follow fails `tsc`.
import type { CredentialsApi } from '@solapi/credentials-spec'

export type components = CredentialsApi.components
export type operations = CredentialsApi.operations
export type paths = CredentialsApi.paths

export type OperationId = keyof operations
export type Schemas = components['schemas']

export type RequestBody<Op extends OperationId> =
  operations[Op]['requestBody']['content']['application/json']

type Responses<Op extends OperationId> = operations[Op]['responses']

type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never

/** One response an operation may give: a status the spec lists and the body it documents. */
export type Reply<Op extends OperationId> = {
  [S in keyof Responses<Op> & number]: { status: S; body: JsonBody<Responses<Op>[S]> }
}[keyof Responses<Op> & number]

/** The operation served at each path; the `satisfies` below checks it against `paths`. */
type PostOperationOf<P extends keyof paths> = paths[P]['post']
type OperationIdOf<P extends keyof paths> = {
  [Op in OperationId]: operations[Op] extends PostOperationOf<P> ? Op : never
}[OperationId]

export type RouteTable = { readonly [P in keyof paths]: OperationIdOf<P> }
