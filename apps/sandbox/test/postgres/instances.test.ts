// Three sandbox instances on one PostgreSQL database, behind a round-robin balancer, as a hosted
// sandbox runs: they hold one truth. A key made through one is seen through the others, a
// signature is accepted once across all of them, and the control API steers them all.
import { createCredentialsClient } from '@solapi/credentials-client'
import {
  type RoundRobin,
  type RunningSandbox,
  startRoundRobin,
  stopAllProcesses,
} from '@solapi/devkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createControlClient } from '../../src/index.js'
import { newPostgresDatabase } from '../support/backend.js'
import { startEntry } from '../support/sandbox-process.js'
import {
  type Credential,
  clientHeader,
  post,
  signedPost,
  TEST_CREDENTIAL,
} from '../support/signing.js'
import { responseSchemaErrors } from '../support/spec-responses.js'

const CONTROL_TOKEN = 'one-control-token-for-all-instances'
const LIST = '/credentials/getCredentialList'
const MINUTE = 60_000

let instances: RunningSandbox[]
let balancer: RoundRobin

const control = (baseUrl: string) => createControlClient({ baseUrl, controlToken: CONTROL_TOKEN })
const client = (baseUrl: string, credential: Credential = TEST_CREDENTIAL) =>
  createCredentialsClient({ ...credential, baseUrl, retry: false })
/** The same request, sent `count` times at once through the balancer. */
const burst = (count: number, send: () => ReturnType<typeof post>) =>
  Promise.all(Array.from({ length: count }, send))
const tally = (answers: { status: number; body: Record<string, unknown> }[]) => {
  const counts: Record<string, number> = {}
  for (const { status, body } of answers) {
    const key = `${status} ${body.errorCode ?? 'ok'}`
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}

beforeAll(async () => {
  const database = await newPostgresDatabase()
  instances = await Promise.all(
    [0, 1, 2].map(() =>
      startEntry({
        database,
        credential: TEST_CREDENTIAL,
        controlToken: CONTROL_TOKEN,
        env: { LOG_LEVEL: 'silent' },
      }),
    ),
  )
  balancer = await startRoundRobin(instances.map((instance) => instance.url))
})
afterAll(async () => {
  await balancer?.stop()
  await stopAllProcesses()
})
beforeEach(() => control(balancer.url).resetSandbox())

/** Each instance's own address (the balancer's is `balancer.url`). */
const url = (index: number) => instances[index]?.url ?? ''
const A = () => url(0)
const B = () => url(1)
const C = () => url(2)

describe('three instances on one PostgreSQL database', () => {
  it('show a key created through A through B and C, and every change to it', async () => {
    const created = await client(A()).createCredential()
    expect((await client(B()).getCredentialInfo(created.apiKey)).apiSecret).toBe(created.apiSecret)
    expect(Object.keys((await client(C()).getCredentialList()).credentials)).toEqual([
      TEST_CREDENTIAL.apiKey,
      created.apiKey,
    ])
    // The new key signs through any instance; a secret regenerated through B is the one C checks.
    const regenerated = await client(B()).regenerateSecretKey(created.apiKey)
    const stale = await signedPost(C(), LIST, {}, created)
    expect(stale.body.errorCode).toBe('SignatureDoesNotMatch')
    expect((await client(C(), regenerated).getCredentialList()).credentials).toHaveProperty(
      created.apiKey,
    )
    await client(C()).deleteCredential(created.apiKey)
    const gone = await signedPost(
      A(),
      '/credentials/getCredentialInfo',
      { apiKey: created.apiKey },
      TEST_CREDENTIAL,
    )
    expect([gone.status, gone.body.resultCode]).toEqual([404, 'ResourceNotFound'])
  })

  it('refuse through B, and C, a header A accepted: 403 DuplicatedSignature', async () => {
    const authorization = clientHeader(TEST_CREDENTIAL)
    expect((await post(A(), LIST, {}, { authorization })).status).toBe(200)
    for (const url of [B(), C(), A()]) {
      const replay = await post(url, LIST, {}, { authorization })
      expect([replay.status, replay.body.errorCode]).toEqual([403, 'DuplicatedSignature'])
      expect(responseSchemaErrors(LIST, 403, replay.body)).toEqual([])
    }
  })

  it('accept exactly once each of 5 headers replayed 100 times at once over the three', async () => {
    for (let round = 0; round < 5; round++) {
      const before = [...balancer.counts]
      const authorization = clientHeader(TEST_CREDENTIAL)
      const answers = await burst(100, () => post(balancer.url, LIST, {}, { authorization }))
      expect(tally(answers)).toEqual({ '200 ok': 1, '403 DuplicatedSignature': 99 })
      // Spread over all three: 34, 33 and 33 in some order.
      const sent = balancer.counts.map((count, i) => count - (before[i] ?? 0))
      expect([...sent].sort()).toEqual([33, 33, 34])
    }
  })

  it('share the clock: moved through A, it moves B and C; restored through C, A is back', async () => {
    await control(A()).setClock({ offsetMs: 20 * MINUTE })
    for (const url of [B(), C()]) {
      const skewed = await signedPost(url, LIST, {}, TEST_CREDENTIAL)
      expect([skewed.status, skewed.body.errorCode]).toEqual([403, 'RequestTimeTooSkewed'])
      const date = Date.parse(String(skewed.headers.get('date')))
      expect(Math.abs(date - (Date.now() + 20 * MINUTE))).toBeLessThan(5000)
      expect((await control(url).getClock()).offsetMs).toBeGreaterThan(20 * MINUTE - 5000)
    }
    // The published client corrects its clock from the Date header, whichever instance answers.
    expect(await client(balancer.url).getCredentialList()).toBeDefined()

    await control(A()).setClock({ frozenAt: '2030-01-01T00:00:00Z' })
    const clocks = await Promise.all(instances.map((instance) => control(instance.url).getClock()))
    expect(clocks.map((clock) => [clock.now, clock.frozen])).toEqual(
      Array(3).fill(['2030-01-01T00:00:00.000Z', true]),
    )
    await control(C()).restoreClock()
    expect((await control(A()).getClock()).frozen).toBe(false)
    expect((await signedPost(A(), LIST, {}, TEST_CREDENTIAL)).status).toBe(200)
  })

  it('count a fault rule exactly across instances: 7 of 30 requests at once fail', async () => {
    const fault = await control(A()).addFault({
      operation: 'getCredentialList',
      times: 7,
      status: 503,
    })
    expect(await control(B()).listFaults()).toEqual([fault])
    const answers = await burst(30, () =>
      post(balancer.url, LIST, {}, { authorization: clientHeader(TEST_CREDENTIAL) }),
    )
    expect(tally(answers)).toEqual({ '200 ok': 23, '503 ServiceUnavailable': 7 })
    for (const answer of answers.filter((a) => a.status === 503)) {
      expect(answer.body.errorMessage).toContain(`(sandbox ${fault.id})`)
    }
    for (const instance of instances) expect(await control(instance.url).listFaults()).toEqual([])
  })

  it('all reset through one: accounts, keys, clock, faults and replay memory', async () => {
    const account = await control(A()).createAccount()
    await client(B()).createCredential()
    await control(C()).setClock({ offsetMs: MINUTE })
    await control(A()).addFault({ operation: 'deleteCredential', times: 3, status: 500 })
    const authorization = clientHeader(TEST_CREDENTIAL)
    expect((await post(C(), LIST, {}, { authorization })).status).toBe(200)

    await control(B()).resetSandbox()
    expect(Object.keys((await client(C()).getCredentialList()).credentials)).toEqual([
      TEST_CREDENTIAL.apiKey,
    ])
    const gone = await signedPost(A(), LIST, {}, account)
    expect(gone.body.errorCode).toBe('InvalidAPIKey')
    expect((await control(A()).getClock()).offsetMs).toBeLessThan(1000)
    expect(await control(C()).listFaults()).toEqual([])
    // The replay memory went too: the header is accepted again (its date is still in the window).
    expect((await post(A(), LIST, {}, { authorization })).status).toBe(200)
  })

  it('keep each its own journal: a request is in the journal of the instance that answered', async () => {
    const path = `/credentials/journal-probe-${Date.now()}`
    expect((await post(B(), path, {}, {})).status).toBe(404)
    const paths = async (url: string) =>
      (await control(url).listRequests({ limit: 1000 })).map((entry) => entry.path)
    expect(await paths(B())).toContain(path)
    expect(await paths(A())).not.toContain(path)
    expect(await paths(C())).not.toContain(path)
  })
})
