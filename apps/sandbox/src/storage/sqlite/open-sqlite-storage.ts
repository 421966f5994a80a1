import type { ReplayOptions } from '../replay-ledger.js'
import { openSqliteDriver } from './open-driver.js'
import { createPrivateFile } from './private-file.js'
import { SqliteStorage } from './sqlite-storage.js'

/**
 * The SQLite store at `location` (a file, or `:memory:`), migrated to the current schema. Throws
 * one sentence when it cannot be opened, naming the file.
 */
export async function openSqliteStorage(
  location: string,
  options: ReplayOptions = {},
): Promise<SqliteStorage> {
  createPrivateFile(location)
  const driver = await openSqliteDriver(location)
  try {
    return new SqliteStorage(driver, location, options)
  } catch (error) {
    driver.close()
    const reason = (error as Error).message
    throw new Error(
      /locked|busy/i.test(reason)
        ? `${location} is in use by another process (another sandbox?); stop it or set DATABASE.`
        : `cannot open ${location}: ${reason}`,
    )
  }
}
