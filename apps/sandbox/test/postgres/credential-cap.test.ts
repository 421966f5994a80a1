// The cap on credentials per account holds across instances on one PostgreSQL database: creates
// sent to two sandboxes at once are counted one after another in the database.
import { afterAll, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/start-sandbox.js'
import { newPostgresDatabase, TEST_MASTER_KEY } from '../support/backend.js'
import { signedPost, TEST_CREDENTIAL } from '../support/signing.js'
import { query } from '../support/sql.js'

const CAP = 7
const CREATES = 30
const running: RunningSandbox[] = []
afterAll(() => Promise.all(running.map((sandbox) => sandbox.close())))

describe('the cap of credentials per account, on two instances', () => {
  it(`lets ${CREATES} creates spread over two instances at once make exactly ${CAP - 1} keys`, async () => {
    const database = await newPostgresDatabase()
    const options = {
      database,
      masterKey: TEST_MASTER_KEY,
      ...TEST_CREDENTIAL,
      maxCredentialsPerAccount: CAP,
    }
    // One after the other: the first migrates and bootstraps.
    running.push(await startSandbox(options))
    running.push(await startSandbox(options))
    const answers = await Promise.all(
      Array.from({ length: CREATES }, (_, i) =>
        signedPost(
          (running[i % 2] as RunningSandbox).url,
          '/credentials/createCredential',
          {},
          TEST_CREDENTIAL,
        ),
      ),
    )
    const statuses = answers.map((answer) => answer.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(CAP - 1)
    expect(statuses.filter((status) => status === 409)).toHaveLength(CREATES - (CAP - 1))
    const rows = await query(database, 'SELECT count(*) AS n FROM credentials')
    expect(Number(rows[0]?.n)).toBe(CAP)
  })
})
