// A run never sends a write it must not: nothing at all in read-only, and never a body naming
// a key the account held before the run. The guard stands before the sender, which here
// refuses to be called at all.
import { credentialsContract } from '@solapi/credentials-spec'
import { describe, expect, it } from 'vitest'
import { createDriverContext, type RunState } from '../../../src/checks/context.js'
import { ResultBook } from '../../../src/checks/results.js'
import type { DriverCheck } from '../../../src/checks/types.js'
import { SafetyError } from '../../../src/errors.js'
import { Masker } from '../../../src/report/mask.js'
import { estimateClock } from '../../../src/target/clock.js'
import { CreatedCredentials } from '../../../src/target/created.js'
import type { Sender } from '../../../src/target/sender.js'

const SIGNER = 'NCSOGH0TB3PDIGV1'
const OTHER = 'NCSOTHERKEY00001'
const check: DriverCheck = {
  kind: 'driver',
  id: 'valid.accepted',
  group: 'valid',
  title: '',
  writes: false,
  run: async () => {},
}

function context(writes: boolean) {
  const sent: string[] = []
  const sender = {
    sendBytes: async () => {
      sent.push('sent')
      throw new Error('the guard let a request through')
    },
  } as unknown as Sender
  const state: RunState = {
    contract: credentialsContract,
    examples: 1,
    seed: 1,
    writes,
    keys: { apiKey: SIGNER, apiSecret: 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B' },
    clock: estimateClock([]),
    edgeMarginMs: 5000,
    operations: credentialsContract.operations,
    readOperations: credentialsContract.operations.slice(0, 0),
    algorithms: ['HMAC-SHA256'],
    sender,
    masker: new Masker(),
    created: new CreatedCredentials(),
    protectedKeys: new Set([SIGNER, OTHER]),
    observers: [],
    observerEnv: {
      contract: credentialsContract,
      secrets: new Set(),
      documentsSecret: () => false,
    },
    book: new ResultBook([check]),
    learn: () => {},
    progress: () => {},
  }
  return { ctx: createDriverContext(state, check), sent }
}

const op = (id: string) => credentialsContract.operation(id)

describe('the write guard', () => {
  it('refuses every write in a read-only run', async () => {
    const { ctx, sent } = context(false)
    await expect(ctx.send(op('createCredential'), { json: {} })).rejects.toThrow(
      new SafetyError('createCredential writes, and this run is read-only'),
    )
    expect(sent).toEqual([])
  })

  it.each(['deleteCredential', 'updateCredentialStatus', 'regenerateSecretKey'])(
    'refuses %s naming the signing key or another key the account held',
    async (id) => {
      const { ctx, sent } = context(true)
      for (const key of [SIGNER, OTHER]) {
        await expect(
          ctx.send(op(id), { json: { apiKey: key, credentialStatus: 'inactive' } }),
        ).rejects.toThrow(
          new SafetyError(`${id} names ${key}, a credential this run did not create`),
        )
        // Raw bytes and bad signatures are no way around it.
        await expect(
          ctx.send(op(id), {
            bytes: new TextEncoder().encode(`{"apiKey":"${key}"`),
            authorization: { none: true },
          }),
        ).rejects.toThrow(SafetyError)
      }
      expect(sent).toEqual([])
    },
  )

  it('lets reads through, whatever they name', async () => {
    const { ctx, sent } = context(false)
    await expect(ctx.send(op('getCredentialInfo'), { json: { apiKey: SIGNER } })).rejects.toThrow(
      'the guard let a request through',
    )
    expect(sent).toEqual(['sent'])
  })
})
