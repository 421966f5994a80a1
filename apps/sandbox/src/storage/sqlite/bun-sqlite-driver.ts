import { Database } from 'bun:sqlite'
import type { SqlDriver, SqlRow, SqlValue } from './sql-driver.js'

/** Bun: the built-in bun:sqlite. Its `get` answers `null` where the others answer `undefined`. */
export function openBunSqlite(filename: string): SqlDriver {
  const db = new Database(filename, { create: true, strict: true })
  return {
    name: 'bun:sqlite',
    exec: (sql) => void db.exec(sql),
    prepare(sql) {
      const statement = db.prepare(sql)
      return {
        run: (...params: SqlValue[]) => ({ changes: statement.run(...params).changes }),
        get: (...params: SqlValue[]) => (statement.get(...params) as SqlRow | null) ?? undefined,
        all: (...params: SqlValue[]) => statement.all(...params) as SqlRow[],
      }
    },
    close: () => db.close(),
  }
}
