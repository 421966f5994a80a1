// The bootstrap credential of a SQLite file across restarts: made once, kept sealed in the file,
// and a file with credentials but no bootstrap credential refused rather than guessed at.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openSandbox } from '../../src/sandbox-core.js'
import { openSqliteStorage } from '../../src/storage/sqlite/open-sqlite-storage.js'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function databaseFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'sandbox-bootstrap-'))
  folders.push(folder)
  return join(folder, 'sandbox.db')
}

async function bootstrapOnce(database: string) {
  const core = await openSandbox({ database })
  try {
    return await core.bootstrap()
  } finally {
    await core.close()
  }
}

describe('the bootstrap credential', () => {
  it('is made in a new file and found there again after a restart', async () => {
    const database = databaseFile()
    const first = await bootstrapOnce(database)
    expect(first).toMatchObject({ created: true, origin: 'generated' })
    const again = await bootstrapOnce(database)
    expect(again).toEqual({ keys: first.keys, created: false, origin: 'stored' })
  })

  it('is refused in a file that has credentials but none kept as the bootstrap', async () => {
    const database = databaseFile()
    const store = await openSqliteStorage(database)
    await store.credentials.createAccount({
      apiKey: 'NCSNOBOOTSTRAP01',
      secretBox: new Uint8Array([1]),
      status: 'active',
      dateCreated: '2026-01-01T00:00:00.000Z',
    })
    await store.close()
    await expect(bootstrapOnce(database)).rejects.toThrow(
      'The database has credentials but no bootstrap credential: it was not made by this sandbox.',
    )
  })
})
