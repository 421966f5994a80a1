/**
 * The little of SQLite the store needs, identical on better-sqlite3 (Node), bun:sqlite (Bun)
 * and node:sqlite (Deno, newer Node). All three are synchronous, so a transaction never
 * interleaves with another request's statements.
 */
export type SqlValue = string | number | bigint | Uint8Array | null
export type SqlRow = Record<string, SqlValue>

export interface SqlStatement {
  run(...params: SqlValue[]): { changes: number }
  get(...params: SqlValue[]): SqlRow | undefined
  all(...params: SqlValue[]): SqlRow[]
}

export interface SqlDriver {
  /** Which library, for logs and tests. */
  readonly name: string
  exec(sql: string): void
  prepare(sql: string): SqlStatement
  close(): void
}
