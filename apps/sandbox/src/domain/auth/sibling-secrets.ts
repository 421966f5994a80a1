import type { SecretBox } from '../../crypto/secret-box.js'
import type { AccountNumber, CredentialStore } from '../storage.js'

export interface Sibling {
  apiKey: string
  secret: string
}

/**
 * The other keys of an account with their secrets, oldest first, at most `limit` of them: what
 * the signature doctor tries when a request may have been signed with the wrong key's secret.
 * Opened here rather than through the service's cache, which serves signers: these are read only
 * when a signature was already refused. A secret that does not open is left out.
 */
export function siblingSecrets(storage: Pick<CredentialStore, 'listCredentials'>, box: SecretBox) {
  return async (account: AccountNumber, apiKey: string, limit: number): Promise<Sibling[]> => {
    const rows = (await storage.listCredentials(account))
      .filter((row) => row.apiKey !== apiKey)
      .slice(0, limit)
    const opened = await Promise.all(
      rows.map((row) =>
        box.open(row.secretBox, row.apiKey).then(
          (secret) => ({ apiKey: row.apiKey, secret }),
          () => undefined,
        ),
      ),
    )
    return opened.filter((sibling): sibling is Sibling => sibling !== undefined)
  }
}
