// Which SQLite library the sandbox takes on Node. The packed-tarball tests and the consumer
// matrix (packages/consumer-matrix) cover what an npm install leaves in place on each Node; this
// covers the rule itself and this repo's install, where better-sqlite3 is a devDependency.
import { describe, expect, it } from 'vitest'
import {
  NO_SQLITE,
  nodeSqliteIsSilent,
  openSqliteDriver,
} from '../../src/storage/sqlite/open-driver.js'

describe('the SQLite library on Node', () => {
  it.each([
    ['20.19.0', false],
    ['22.23.5', false],
    ['23.11.1', false],
    ['v24.14.9', false],
    ['24.15.0', true],
    ['v24.22.3', true],
    ['25.6.1', false],
    ['25.7.0', true],
    ['26.0.0', true],
    ['27.1.0', true],
  ])('node:sqlite of Node %s loads silently: %s', (version, silent) => {
    expect(nodeSqliteIsSilent(version)).toBe(silent)
  })

  it('is node:sqlite where it is silent, else better-sqlite3 when installed (as here)', async () => {
    const driver = await openSqliteDriver(':memory:')
    try {
      expect(driver.name).toBe(
        nodeSqliteIsSilent(process.versions.node) ? 'node:sqlite' : 'better-sqlite3',
      )
    } finally {
      driver.close()
    }
  })

  it('names the install that fixes a Node without SQLite', () => {
    expect(NO_SQLITE).toContain('npm i -D better-sqlite3')
  })
})
