import type { JournalEntry } from '../http/control-types.js'

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
