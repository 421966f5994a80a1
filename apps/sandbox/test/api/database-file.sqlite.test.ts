// What a SQLite file keeps across starts. (On PostgreSQL: test/postgres/restart.test.ts.)
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCredentialsClient } from '@solapi/credentials-client'
import { afterAll, describe, expect, it } from 'vitest'
import { startSandbox } from '../../src/index.js'

const dir = mkdtempSync(join(tmpdir(), 'sandbox-api-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('startSandbox on a SQLite file', () => {
  it('keeps a database file across starts, with its key file beside it', async () => {
    const database = join(dir, 'kept.db')
    const first = await startSandbox({ database })
    const created = await createCredentialsClient({
      ...first,
      baseUrl: first.url,
    }).createCredential()
    await first.close()
    expect(existsSync(`${database}.key`)).toBe(true)
    const second = await startSandbox({ database })
    try {
      // The bootstrap it made is the one it keeps, and reset brings it back.
      expect([second.apiKey, second.apiSecret]).toEqual([first.apiKey, first.apiSecret])
      const client = createCredentialsClient({ ...second, baseUrl: second.url })
      expect((await client.getCredentialInfo(created.apiKey)).apiSecret).toBe(created.apiSecret)
      await second.control.resetSandbox()
      expect(Object.keys((await client.getCredentialList()).credentials)).toEqual([second.apiKey])
    } finally {
      await second.close()
    }
  })
})
