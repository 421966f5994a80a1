// A SQLite database holds every account and sealed secret: its files are its owner's alone.
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCredentialsClient } from '@solapi/credentials-client'
import { afterAll, describe, expect, it } from 'vitest'
import { startSandbox } from '../../src/index.js'

const dir = mkdtempSync(join(tmpdir(), 'sandbox-modes-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const modeOf = (file: string) => statSync(file).mode & 0o777

describe('the files of a SQLite database', () => {
  it('are created 0600, the -wal file included, whatever the umask lets through', async () => {
    const database = join(dir, 'private.db')
    const umask = process.umask(0o022)
    let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined
    try {
      sandbox = await startSandbox({ database })
      // A write, so that the write-ahead log exists and holds something.
      await createCredentialsClient({ ...sandbox, baseUrl: sandbox.url }).createCredential()
      const files = [database, `${database}-wal`, `${database}-shm`].filter(existsSync)
      expect(files).toContain(`${database}-wal`)
      for (const file of files) expect([file, modeOf(file).toString(8)]).toEqual([file, '600'])
    } finally {
      await sandbox?.close()
      process.umask(umask)
    }
  })

  it('leaves the mode of a file that exists already as its owner set it', async () => {
    const database = join(dir, 'chosen.db')
    writeFileSync(database, '')
    chmodSync(database, 0o640)
    const sandbox = await startSandbox({ database })
    await sandbox.close()
    expect(modeOf(database).toString(8)).toBe('640')
  })
})
