// Type-level tests of the types openapi-typescript generates from spec/dist/openapi.json.
// Checked by `tsc` (the package's typecheck task): an unused @ts-expect-error fails the build,
// so each line below proves that the spec's rules reach the types.
import type { components, operations, paths } from '../../src/generated/schema.js'

type Body<Op extends keyof operations> = NonNullable<
  operations[Op]['requestBody']
>['content']['application/json']
type Ok<Op extends keyof operations> =
  operations[Op]['responses'][200]['content']['application/json']

export const info: Body<'getCredentialInfo'> = { apiKey: 'NCSOGH0TB3PDIGV1' }
export const update: Body<'updateCredentialStatus'> = {
  apiKey: 'NCSOGH0TB3PDIGV1',
  credentialStatus: 'inactive',
}
export const empty: Body<'createCredential'> = {}

// @ts-expect-error apiKey is required
export const missingKey: Body<'getCredentialInfo'> = {}
// @ts-expect-error credentialStatus is active|inactive
export const badStatus: Body<'updateCredentialStatus'> = { apiKey: 'K', credentialStatus: 'on' }
// @ts-expect-error createCredential takes no fields
export const extraField: Body<'createCredential'> = { name: 'x' }
// @ts-expect-error apiKey is a string
export const numericKey: Body<'deleteCredential'> = { apiKey: 42 }

export const list: Ok<'getCredentialList'> = {
  credentials: {
    NCSOGH0TB3PDIGV1: {
      apiSecret: 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B',
      credentialStatus: 'active',
      dateCreated: '2017-07-02T13:19:46.702Z',
    },
  },
}
// @ts-expect-error resultCode is the enum Success on 200
export const badResult: Ok<'deleteCredential'> = { apiKey: 'K', resultCode: 'Done' }

export const status: components['schemas']['CredentialStatus'] = 'active'
export type AllPathsArePost = paths[keyof paths]['post']
// @ts-expect-error no operation is a GET
export const noGet: NonNullable<paths['/credentials/getCredentialList']['get']> = {}
