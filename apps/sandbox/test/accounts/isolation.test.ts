// Accounts are isolated: a property-based run of random interleavings of all six operations,
// by several accounts, on their own keys, each other's keys and keys that never existed. Each
// step is checked against a model of every account; after each step every account's own list
// must still equal its model, so no cross-account read or write can go unnoticed.
import { signAuthorization } from '@solapi/credentials-client'
import { credentialsContract } from '@solapi/credentials-spec'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSandbox, type Sandbox } from '../../src/create-sandbox.js'
import { ownStore } from '../support/backend.js'

const ACCOUNTS = 3
const SEEDED_PER_ACCOUNT = 2
const EXAMPLES = 250
const MAX_STEPS = 30
const OPERATIONS = credentialsContract.operations.map((op) => op.operationId)
const NEVER_EXISTED = 'NCSNEVEREXISTED0'

type Keys = { apiKey: string; apiSecret: string }
type Model = Map<string, { apiSecret: string; credentialStatus: 'active' | 'inactive' }>
type Step = {
  actor: number
  operation: string
  target: { account: number; index: number } | 'never-existed' | 'created'
  status: 'active' | 'inactive'
}

let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await createSandbox(await ownStore())
})
afterAll(() => sandbox.close())

/** A fixture key of an account: 16 upper-case letters and digits, unique per account and index. */
const seededKey = (account: number, index: number) =>
  `NCSISOLATION${account}X${index}0`.slice(0, 16)
const seededSecret = (account: number, index: number) =>
  `ISOLATIONSECRET${account}${index}`.padEnd(32, '0')

async function call(signer: Keys, operation: string, body: object) {
  const response = await sandbox.fetch(
    new Request(`http://sandbox.invalid/credentials/${operation}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: signAuthorization(signer) },
      body: JSON.stringify(body),
    }),
  )
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const step = fc.record<Step>({
  actor: fc.nat(ACCOUNTS - 1),
  operation: fc.constantFrom(...OPERATIONS),
  target: fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        account: fc.nat(ACCOUNTS - 1),
        index: fc.nat(SEEDED_PER_ACCOUNT - 1),
      }),
    },
    { weight: 1, arbitrary: fc.constant('never-existed' as const) },
    { weight: 2, arbitrary: fc.constant('created' as const) },
  ),
  status: fc.constantFrom('active' as const, 'inactive' as const),
})

describe('accounts', () => {
  // Its length follows the store's latency and this process's share of the CPU: about 15,000
  // sequential calls, each four round trips on PostgreSQL, each round trip two processes waiting
  // for a core in turn. Beside a full CI run on two cores it has taken seven times as long as
  // alone, so its bound is generous: a slow run is not a failure.
  it(`${ACCOUNTS} accounts x ${OPERATIONS.length} operations x ${EXAMPLES} random interleavings: no cross-account read or write ever succeeds`, async () => {
    const counts = { crossAccount: 0, own: 0, steps: 0 }
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(fc.boolean(), { minLength: SEEDED_PER_ACCOUNT, maxLength: SEEDED_PER_ACCOUNT }),
          {
            minLength: ACCOUNTS,
            maxLength: ACCOUNTS,
          },
        ),
        fc.array(step, { minLength: 1, maxLength: MAX_STEPS, size: 'max' }),
        async (seededActive, steps) => {
          await sandbox.control.resetSandbox()
          const signers: Keys[] = [{ apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret }]
          for (let a = 1; a < ACCOUNTS; a++) signers.push(await sandbox.control.createAccount())
          const models: Model[] = signers.map(
            (signer) =>
              new Map([
                [signer.apiKey, { apiSecret: signer.apiSecret, credentialStatus: 'active' }],
              ]),
          )
          /** Keys made by createCredential, by the account that made them, in order. */
          const created: string[][] = signers.map(() => [])
          for (let a = 0; a < ACCOUNTS; a++) {
            for (let i = 0; i < SEEDED_PER_ACCOUNT; i++) {
              const credentialStatus = seededActive[a]?.[i] ? 'active' : 'inactive'
              await sandbox.control.seedCredential({
                accountId: `acct_${a + 1}`,
                apiKey: seededKey(a, i),
                apiSecret: seededSecret(a, i),
                credentialStatus,
              })
              models[a]?.set(seededKey(a, i), { apiSecret: seededSecret(a, i), credentialStatus })
            }
          }

          const missing = await call(signers[0] as Keys, 'getCredentialInfo', {
            apiKey: NEVER_EXISTED,
          })
          counts.steps += steps.length
          for (const [n, s] of steps.entries()) {
            const signer = signers[s.actor] as Keys
            const model = models[s.actor] as Model
            const other = created[(s.actor + 1 + (n % (ACCOUNTS - 1))) % ACCOUNTS] as string[]
            const apiKey =
              s.target === 'never-existed'
                ? NEVER_EXISTED
                : s.target === 'created'
                  ? (other.at(-1) ?? created[s.actor]?.at(-1) ?? NEVER_EXISTED)
                  : seededKey(s.target.account, s.target.index)
            const owned = model.has(apiKey)
            const holder = models.findIndex((m) => m.has(apiKey))

            if (s.operation === 'createCredential') {
              const answer = await call(signer, s.operation, {})
              expect(answer.status).toBe(200)
              model.set(String(answer.body.apiKey), {
                apiSecret: String(answer.body.apiSecret),
                credentialStatus: 'active',
              })
              created[s.actor]?.push(String(answer.body.apiKey))
            } else if (s.operation === 'getCredentialList') {
              const answer = await call(signer, s.operation, {})
              expect(answer.status).toBe(200)
              expect(summary(answer.body)).toEqual(Object.fromEntries(model))
            } else {
              const body =
                s.operation === 'updateCredentialStatus'
                  ? { apiKey, credentialStatus: s.status }
                  : { apiKey }
              const answer = await call(signer, s.operation, body)
              if (!owned) {
                if (holder >= 0) counts.crossAccount++
                // Exactly the answer for a key that never existed, but for the key itself.
                expect(answer).toEqual({
                  status: 404,
                  body: {
                    ...missing.body,
                    apiKey,
                    errorMessage: String(missing.body.errorMessage).replace(NEVER_EXISTED, apiKey),
                  },
                })
              } else {
                counts.own++
                expect(answer.status).toBe(200)
                const current = model.get(apiKey) as {
                  apiSecret: string
                  credentialStatus: 'active' | 'inactive'
                }
                if (s.operation === 'getCredentialInfo') {
                  expect(answer.body).toMatchObject({ apiKey, ...current })
                } else if (s.operation === 'regenerateSecretKey') {
                  expect(answer.body.apiSecret).not.toBe(current.apiSecret)
                  model.set(apiKey, { ...current, apiSecret: String(answer.body.apiSecret) })
                } else if (s.operation === 'updateCredentialStatus') {
                  model.set(apiKey, { ...current, credentialStatus: s.status })
                } else {
                  model.delete(apiKey)
                }
              }
            }
            // Every account still holds exactly what it held: nothing leaked in or out.
            for (const [a, own] of signers.entries()) {
              const list = await call(own, 'getCredentialList', {})
              expect(summary(list.body)).toEqual(Object.fromEntries(models[a] as Model))
            }
          }
        },
      ),
      { numRuns: EXAMPLES },
    )
    // The run did try both, many times: other accounts' existing keys, and the account's own.
    expect(counts.crossAccount).toBeGreaterThan(EXAMPLES * 2)
    expect(counts.own).toBeGreaterThan(EXAMPLES * 2)
    console.log(
      `isolation: ${ACCOUNTS} accounts, ${OPERATIONS.length} operations, ${EXAMPLES} examples, ${counts.steps} steps; ${counts.crossAccount} cross-account attempts refused, ${counts.own} own-key operations done`,
    )
  }, 600_000)
})

/** A list answer as apiKey -> { apiSecret, credentialStatus }. */
function summary(body: Record<string, unknown>) {
  const credentials = body.credentials as Record<
    string,
    { apiSecret: string; credentialStatus: string }
  >
  return Object.fromEntries(
    Object.entries(credentials).map(([key, c]) => [
      key,
      { apiSecret: c.apiSecret, credentialStatus: c.credentialStatus },
    ]),
  )
}
