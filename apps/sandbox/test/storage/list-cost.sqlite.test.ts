// getCredentialList answers every secret of the account, so each must be opened once; not again
// on every call, however many keys the account holds, nor once per concurrent call.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SecretBox } from '../../src/crypto/secret-box.js'
import { CredentialsService } from '../../src/domain/credentials-service.js'
import { openStorage } from '../../src/open-storage.js'

const KEYS = 10_000

/** A SecretBox that counts its openings. */
async function countingBox() {
  const box = await SecretBox.fromRawKey(randomBytes(32))
  const counted = { opens: 0 }
  const open = box.open.bind(box)
  box.open = (sealed, context) => {
    counted.opens++
    return open(sealed, context)
  }
  return { box, counted }
}

describe('the cost of listing a heavy account', () => {
  it(`opens each of ${KEYS} secrets once, across repeated and concurrent lists`, async () => {
    const { storage } = await openStorage(':memory:')
    const { box, counted } = await countingBox()
    // Above the default cap of credentials per account: an account this heavy is configured.
    const service = new CredentialsService(storage, box, { maxPerAccount: KEYS })
    try {
      const first = await service.createAccount()
      if (first === 'key-taken') throw new Error('unexpected')
      for (let i = 1; i < KEYS; i++) await service.create(first.account)

      const timedList = async () => {
        const started = performance.now()
        const list = await service.list(first.account)
        return { size: Object.keys(list.credentials).length, ms: performance.now() - started }
      }
      const cold = await timedList()
      const warm = await timedList()
      const concurrent = performance.now()
      const many = await Promise.all(Array.from({ length: 20 }, () => service.list(first.account)))
      const concurrentMs = performance.now() - concurrent
      process.stderr.write(
        `list of ${KEYS} keys: first ${Math.round(cold.ms)} ms, then ${Math.round(warm.ms)} ms; 20 at once ${Math.round(concurrentMs)} ms\n`,
      )
      expect([cold.size, warm.size]).toEqual([KEYS, KEYS])
      expect(many.every((list) => Object.keys(list.credentials).length === KEYS)).toBe(true)
      // Created keys were sealed, never opened: the first list opened each once, nothing since.
      expect(counted.opens).toBe(KEYS)

      // A regenerated secret is sealed anew: the next list opens that one, and shows it.
      const apiKey = Object.keys(many[0]?.credentials ?? {})[5] as string
      const regenerated = await service.regenerate(first.account, apiKey)
      const after = await service.list(first.account)
      expect(after.credentials[apiKey]?.apiSecret).toBe(regenerated?.apiSecret)
      expect(counted.opens).toBe(KEYS + 1)
    } finally {
      await storage.close()
    }
  })
})
