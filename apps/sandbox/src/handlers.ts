import type { OperationId, Reply, RequestBody } from './api-types.js'
import type { CredentialsService } from './credentials-service.js'
import type { GuardedChange } from './storage/credential-store.js'

/** One function per operation, typed from the spec: body in, a documented status and body out. */
export type Handlers = {
  [Op in OperationId]: (body: RequestBody<Op>) => Promise<Reply<Op>>
}

export function createHandlers(credentials: CredentialsService): Handlers {
  const notFound = (apiKey: string) =>
    ({
      status: 404,
      body: {
        apiKey,
        resultCode: 'ResourceNotFound',
        errorMessage: `No credential with apiKey ${apiKey} exists.`,
      },
    }) as const

  const lastActive = (apiKey: string) =>
    ({
      status: 409,
      body: {
        errorCode: 'LastActiveCredential',
        errorMessage: `${apiKey} is the account's last active credential; create or activate another one first.`,
      },
    }) as const

  const guarded = (apiKey: string, outcome: GuardedChange) => {
    if (outcome === 'not-found') return notFound(apiKey)
    if (outcome === 'last-active') return lastActive(apiKey)
    return { status: 200, body: { apiKey, resultCode: 'Success' } } as const
  }

  return {
    async createCredential() {
      return { status: 200, body: await credentials.create() }
    },
    async getCredentialInfo({ apiKey }) {
      const info = await credentials.info(apiKey)
      return info ? { status: 200, body: info } : notFound(apiKey)
    },
    async regenerateSecretKey({ apiKey }) {
      const keys = await credentials.regenerate(apiKey)
      return keys ? { status: 200, body: keys } : notFound(apiKey)
    },
    async getCredentialList() {
      return { status: 200, body: await credentials.list() }
    },
    async updateCredentialStatus({ apiKey, credentialStatus }) {
      return guarded(apiKey, credentials.updateStatus(apiKey, credentialStatus))
    },
    async deleteCredential({ apiKey }) {
      return guarded(apiKey, credentials.remove(apiKey))
    },
  }
}
