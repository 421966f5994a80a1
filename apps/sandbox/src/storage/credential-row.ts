import type { CredentialRecord } from '../domain/storage.js'

/** The credentials table's columns, in the order both stores insert them. */
export const CREDENTIAL_COLUMNS = 'account_id, api_key, secret_box, status, date_created'

/** A row of CREDENTIAL_COLUMNS as a record, from either store's driver; undefined for no row. */
export function credentialFromRow(
  row: Record<string, unknown> | undefined,
): CredentialRecord | undefined {
  if (!row) return undefined
  const box = row.secret_box
  return {
    account: Number(row.account_id),
    apiKey: String(row.api_key),
    // better-sqlite3 and pg return a Buffer, the other SQLite drivers a Uint8Array; both are
    // Uint8Arrays.
    secretBox: box instanceof Uint8Array ? box : new Uint8Array(0),
    status: row.status === 'active' ? 'active' : 'inactive',
    dateCreated: String(row.date_created),
  }
}
