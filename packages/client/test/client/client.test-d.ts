// Type-level tests of the public surface, checked by `tsc` (the typecheck task). Each
// expect-error directive below fails the build if its line stops being an error.
import createClient from 'openapi-fetch'
import {
  type ApiError,
  type CredentialsError,
  type components,
  createCredentialsClient,
  createSigningMiddleware,
  type NotFoundError,
  type paths,
  signAuthorization,
} from '../../src/index.js'

type Schemas = components['schemas']
const client = createCredentialsClient({ apiKey: 'K', apiSecret: 'S' })

export async function methodsResolveToTheSpecBodies() {
  const keys: Schemas['CredentialKeys'] = await client.createCredential()
  const info: Schemas['CredentialInfo'] = await client.getCredentialInfo('K')
  const list: Schemas['CredentialList'] = await client.getCredentialList()
  const result: Schemas['ResultResponse'] = await client.updateCredentialStatus('K', 'active')
  const status: 'active' | 'inactive' = info.credentialStatus
  // @ts-expect-error the list is a map, not an array
  list.credentials.map(() => 0)
  // @ts-expect-error deleteCredential resolves to a result, which has no apiSecret
  ;(await client.deleteCredential('K')).apiSecret
  return [keys, result, status]
}

export function argumentsAreChecked() {
  // @ts-expect-error status is active|inactive
  client.updateCredentialStatus('K', 'on')
  // @ts-expect-error getCredentialInfo needs an apiKey
  client.getCredentialInfo()
  // @ts-expect-error unknown algorithm
  createCredentialsClient({ apiKey: 'K', apiSecret: 'S', algorithm: 'HMAC-SHA1' })
  // @ts-expect-error apiSecret is required
  createCredentialsClient({ apiKey: 'K' })
  client.getCredentialList({ signal: AbortSignal.timeout(1000), timeoutMs: 500 })
}

export async function rawIsTheTypedOpenapiFetchClient() {
  const { data } = await client.raw.POST('/credentials/getCredentialInfo', {
    body: { apiKey: 'K' },
  })
  const secret: string | undefined = data?.apiSecret
  // @ts-expect-error the body needs apiKey
  await client.raw.POST('/credentials/getCredentialInfo', { body: {} })
  // @ts-expect-error no operation is a GET
  await client.raw.GET('/credentials/getCredentialList')
  return secret
}

export function signingIsSynchronousAndPluggable() {
  const header: string = signAuthorization({ apiKey: 'K', apiSecret: 'S', algorithm: 'HMAC-MD5' })
  createClient<paths>().use(createSigningMiddleware({ apiKey: 'K', apiSecret: 'S' }))
  return header
}

export function errorsNarrowByKind(error: CredentialsError) {
  if (error.kind === 'not-found') {
    const notFound = error as NotFoundError
    const code: string = notFound.code
    return code
  }
  if (error.kind === 'api') return (error as ApiError).status
  // @ts-expect-error 'server' is not a kind
  return error.kind === 'server'
}
