import { LATEST_VERSION, MIGRATIONS, newerThanCode } from '../migrations.js'
import type { SqlDriver } from './sql-driver.js'

/**
 * SQLite records the applied version in its `user_version`, as it has since the first version:
 * a sandbox older than the file reads it there and refuses the file rather than misread it.
 */
export function currentVersion(db: SqlDriver): number {
  return Number(db.prepare('PRAGMA user_version').get()?.user_version ?? 0)
}

/**
 * Applies every step newer than the database, each in its own IMMEDIATE transaction (SQLite's
 * write lock); refuses a database newer than the code. Returns the versions it applied.
 */
export function migrate(db: SqlDriver): number[] {
  const from = currentVersion(db)
  if (from > LATEST_VERSION) throw newerThanCode(from, 'another DATABASE')
  const applied: number[] = []
  for (const migration of MIGRATIONS) {
    if (migration.version <= from) continue
    db.exec('BEGIN IMMEDIATE')
    try {
      if (migration.sqlite) db.exec(migration.sqlite)
      db.exec(`PRAGMA user_version = ${migration.version}`)
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
    applied.push(migration.version)
  }
  return applied
}
