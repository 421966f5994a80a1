import Database from 'better-sqlite3'
import type { SqlDriver, SqlRow, SqlValue } from './sql-driver.js'

/** Node: better-sqlite3 12 or 13 (13 needs Node 22), an optional peer dependency of the package. */
export function openBetterSqlite3(filename: string): SqlDriver {
  const db = new Database(filename)
  return {
    name: 'better-sqlite3',
    exec: (sql) => void db.exec(sql),
    prepare(sql) {
      const statement = db.prepare(sql)
      const reads = statement.reader
      return {
        run: (...params: SqlValue[]) => ({ changes: statement.run(...params).changes }),
        get: (...params: SqlValue[]) =>
          reads ? (statement.get(...params) as SqlRow | undefined) : undefined,
        all: (...params: SqlValue[]) => (reads ? (statement.all(...params) as SqlRow[]) : []),
      }
    },
    close: () => void db.close(),
  }
}
