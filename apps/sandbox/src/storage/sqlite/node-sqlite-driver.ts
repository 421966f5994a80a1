import { DatabaseSync } from 'node:sqlite'
import type { SqlDriver, SqlRow, SqlValue } from './sql-driver.js'

/** node:sqlite: Deno's, and Node's where it loads silently or better-sqlite3 is not installed (22.13 on). */
export function openNodeSqlite(filename: string): SqlDriver {
  const db = new DatabaseSync(filename)
  return {
    name: 'node:sqlite',
    exec: (sql) => db.exec(sql),
    prepare(sql) {
      const statement = db.prepare(sql)
      return {
        run: (...params: SqlValue[]) => ({ changes: Number(statement.run(...params).changes) }),
        get: (...params: SqlValue[]) => statement.get(...params) as SqlRow | undefined,
        all: (...params: SqlValue[]) => statement.all(...params) as SqlRow[],
      }
    },
    close: () => db.close(),
  }
}
