import type { OperationId } from './api-types.js'

/** One request the Credentials API received. It never holds a secret or a signature. */
export interface JournalEntry {
  /** When it arrived (ISO 8601), by the sandbox's clock. */
  time: string
  method: string
  path: string
  /** The operation of the path, or null for a path that is not one. */
  operation: OperationId | null
  /** The status answered (0 when a fault dropped the connection). */
  status: number
  /** The errorCode (or resultCode) of an error answer. */
  errorCode: string | null
  /** The key the request was signed with, when its Authorization header is well formed. */
  apiKey: string | null
  /** The Authorization header with its signature masked; null when absent or malformed. */
  authorization: string | null
  /** The fault rule that answered it, if one did. */
  faultId?: string
  /** The mistake the signature doctor found in a refused signature: its hint code and sentence. */
  diagnosis?: { hint: string; message: string }
}

/** Entries kept at most: the control API's `limit` goes up to this many. */
export const JOURNAL_CAPACITY = 1000

/**
 * The last requests the Credentials API received, in memory, oldest dropped first. Entries are
 * made safe before they get here: a masked Authorization, never a body or a secret.
 */
export class Journal {
  private entries: JournalEntry[] = []

  constructor(private readonly capacity = JOURNAL_CAPACITY) {}

  record(entry: JournalEntry): void {
    this.entries.push(entry)
    if (this.entries.length > this.capacity) this.entries.shift()
  }

  /** Newest first. */
  latest(limit: number): JournalEntry[] {
    return this.entries.slice(-limit).reverse()
  }

  clear(): void {
    this.entries = []
  }
}
