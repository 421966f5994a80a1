import type { OperationId, Reply, RequestBody } from './api-types.js'
import type { CredentialsService } from './credentials-service.js'
import type { AccountNumber, GuardedChange } from './storage.js'

/**
 * One function per operation, typed from the spec: the body and the signer's account in, a
 * documented status and body out. Every operation sees only the signer's account.
 */
export type Handlers = {
  [Op in OperationId]: (body: RequestBody<Op>, account: AccountNumber) => Promise<Reply<Op>>
}

/**
 * The one answer for a key the account does not hold: whether it exists nowhere or in another
 * account, the status, the body and the work done to reach it are the same.
 */
export function notFound(apiKey: string) {
  return {
    status: 404,
    body: {
      apiKey,
      resultCode: 'ResourceNotFound',
      errorMessage: `No credential with apiKey ${apiKey} exists.`,
    },
  } as const
}

export function createHandlers(credentials: CredentialsService): Handlers {
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
    async createCredential(_, account) {
      const created = await credentials.create(account)
      if ('limitReached' in created) {
        return {
          status: 409,
          body: {
            errorCode: 'TooManyCredentials',
            errorMessage: `An account holds at most ${created.limitReached} credentials (the sandbox's maxCredentialsPerAccount, SANDBOX_MAX_CREDENTIALS_PER_ACCOUNT) and this one is full; delete one before creating another.`,
          },
        } as const
      }
      return { status: 200, body: created }
    },
    async getCredentialInfo({ apiKey }, account) {
      const info = await credentials.info(account, apiKey)
      return info ? { status: 200, body: info } : notFound(apiKey)
    },
    async regenerateSecretKey({ apiKey }, account) {
      const keys = await credentials.regenerate(account, apiKey)
      return keys ? { status: 200, body: keys } : notFound(apiKey)
    },
    async getCredentialList(_, account) {
      return { status: 200, body: await credentials.list(account) }
    },
    async updateCredentialStatus({ apiKey, credentialStatus }, account) {
      return guarded(apiKey, await credentials.updateStatus(account, apiKey, credentialStatus))
    },
    async deleteCredential({ apiKey }, account) {
      return guarded(apiKey, await credentials.remove(account, apiKey))
    },
  }
}
