import { Buffer } from 'node:buffer'
import type { PoolClient } from 'pg'
import type { CredentialRecord } from '../../domain/storage.js'
import { CREDENTIAL_COLUMNS } from '../credential-row.js'

/** Inserts a credential row (inside a transaction). */
export async function insertRow(tx: PoolClient, row: CredentialRecord): Promise<void> {
  await tx.query(`INSERT INTO credentials (${CREDENTIAL_COLUMNS}) VALUES ($1, $2, $3, $4, $5)`, [
    row.account,
    row.apiKey,
    bytes(row.secretBox),
    row.status,
    row.dateCreated,
  ])
}

/** pg sends a Buffer as bytea. */
export function bytes(value: Uint8Array): Buffer {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
}
