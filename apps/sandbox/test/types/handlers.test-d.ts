// Type tests (checked by `pnpm typecheck`): handlers are bound to the spec's generated types.
import type { Reply, RequestBody } from '../../src/domain/api-types.js'
import type { Handlers } from '../../src/domain/handlers.js'

const keys = { apiKey: 'X' }
const notFound = { apiKey: 'X', resultCode: 'ResourceNotFound' } as const

const withoutSecret = async () => ({ status: 200 as const, body: keys })
// @ts-expect-error a 200 body without the apiSecret the spec requires
export const missingSecret: Handlers['createCredential'] = withoutSecret

// @ts-expect-error getCredentialList documents no 404
export const undocumentedStatus: Reply<'getCredentialList'> = { status: 404, body: notFound }

export const badStatus: RequestBody<'updateCredentialStatus'> = {
  apiKey: 'X',
  // @ts-expect-error credentialStatus is the spec's enum, not any string
  credentialStatus: 'disabled',
}

export const conflict: Reply<'deleteCredential'> = {
  status: 409,
  body: { errorCode: 'LastActiveCredential', errorMessage: 'last one' },
}
