// Property-based contract checks against the sandbox, after Schemathesis: requests generated
// from the spec's JSON Schemas (valid and invalid), signed with the client's signAuthorization,
// and every response held to what the spec documents. A failing property prints the minimal
// failing request (fast-check shrinks it) with the signature and every apiSecret masked.
import { signAuthorization } from '@solapi/credentials-client'
import { credentials, type Schema } from '@solapi/credentials-spec'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  authorizationFaultArbitrary,
  EXPECTED_AUTH_STATUS,
  faultyAuthorization,
  type Signer,
} from '../../src/arbitraries/authorization.js'
import { invalidArbitrary } from '../../src/arbitraries/invalid.js'
import { transportFaultArbitrary } from '../../src/arbitraries/transport.js'
import { validArbitrary } from '../../src/arbitraries/valid.js'
import { fuzzParameters } from '../../src/fuzz/options.js'
import { createSender } from '../../src/fuzz/target.js'
import { assertConforms, ContractViolation } from '../../src/http/conformance.js'

const { document } = credentials
const target = inject('sandbox')
const sign: Signer = (input) => signAuthorization(input)
const send = createSender(target, sign)
const parameters = fuzzParameters()
/** Every signing algorithm the spec allows. */
const algorithm = fc.constantFrom(
  ...credentials.signing.algorithms.map((a) => a.name as 'HMAC-SHA256' | 'HMAC-MD5'),
)

const operations = credentials.operations.map((op) => {
  const schema: Schema | undefined = op.requestBody?.content['application/json']?.schema
  if (schema === undefined)
    throw new Error(`${op.operationId} takes no JSON body: the suite needs one`)
  return { op, schema }
})
const API_KEY_REF = '#/components/schemas/ApiKey'

/** Keys that exist on the sandbox (never the one that signs), mixed into generated bodies. */
const EXISTING = 8
const existingKeys: string[] = []
const existingKey = fc.nat({ max: EXISTING - 1 }).map((i) => existingKeys[i] as string)
const bodyOptions = { refValues: { [API_KEY_REF]: existingKey } }

async function createCredential(): Promise<string> {
  const created = await send.sendJson(credentials.operation('createCredential'), {})
  assertConforms(credentials, credentials.operation('createCredential'), created)
  if (created.response.status !== 200) {
    throw new ContractViolation(['createCredential did not succeed'], created)
  }
  return (JSON.parse(created.response.text) as { apiKey: string }).apiKey
}

beforeAll(async () => {
  for (let i = 0; i < EXISTING; i++) existingKeys.push(await createCredential())
})

afterAll(() => {
  console.log(`fuzz: ${parameters.numRuns} examples per property\n${send.summary()}`)
})

const timeout = Math.max(60_000, parameters.numRuns * 600)

describe.each(operations)('$op.operationId', ({ op, schema }) => {
  const validBody = validArbitrary(document, schema, bodyOptions)

  it('answers valid signed bodies with a documented response, never 400, 401 or 403', {
    timeout,
  }, async () => {
    const statuses = new Set<number>()
    await fc.assert(
      fc.asyncProperty(validBody, algorithm, async (body, signedWith) => {
        const sent = await send.sendJson(op, body, { algorithm: signedWith })
        const { status } = sent.response
        statuses.add(status)
        const refused =
          status === 400
            ? ['a body valid against the request schema was rejected with 400']
            : status === 401 || status === 403
              ? [`a correctly signed request was refused with ${status}`]
              : []
        assertConforms(credentials, op, sent, refused)
      }),
      parameters,
    )
    // Bodies name existing keys often enough that every operation also succeeds.
    expect([...statuses]).toContain(200)
  })

  it('rejects bodies that break the request schema with 400', { timeout }, async () => {
    await fc.assert(
      fc.asyncProperty(invalidArbitrary(document, schema, bodyOptions), async (broken) => {
        const sent = await send.sendJson(op, broken.body)
        const wrong =
          sent.response.status === 400
            ? []
            : [
                `a body breaking "${broken.rule}" at "${broken.pointer}" got ${sent.response.status}, not 400`,
              ]
        assertConforms(credentials, op, sent, wrong)
      }),
      parameters,
    )
  })

  it('answers transport faults (size, encoding, syntax, media type) with their documented status', {
    timeout,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(transportFaultArbitrary(validBody), async (fault) => {
        const sent = await send.sendBytes(op, fault.bytes, { contentType: fault.contentType })
        const wrong =
          sent.response.status === fault.expectedStatus
            ? []
            : [`${fault.fault} got ${sent.response.status}, not ${fault.expectedStatus}`]
        assertConforms(credentials, op, sent, wrong)
      }),
      parameters,
    )
  })

  it('refuses a missing or broken Authorization with 401 or 403, never 2xx', {
    timeout,
  }, async () => {
    const cases = fc.tuple(authorizationFaultArbitrary(credentials), validBody)
    await fc.assert(
      fc.asyncProperty(cases, async ([fault, body]) => {
        const header = faultyAuthorization(fault, target, sign)
        if (fault.fault === 'replayed') await send.sendJson(op, body, { authorization: header })
        const sent = await send.sendJson(op, body, { authorization: header })
        const expected = EXPECTED_AUTH_STATUS[fault.fault]
        const wrong =
          sent.response.status === expected
            ? []
            : [`Authorization fault "${fault.fault}" got ${sent.response.status}, not ${expected}`]
        assertConforms(credentials, op, sent, wrong)
      }),
      parameters,
    )
  })
})

describe('after deleteCredential', () => {
  // Every operation that documents 404 looks a key up: each must answer 404 for a deleted one.
  const lookups = operations.filter(({ op }) => Object.hasOwn(op.responses, '404'))
  const PLACEHOLDER = 'PLACEHOLDERKEY00'

  it('answers 404 ResourceNotFound for every lookup of the deleted key', { timeout }, async () => {
    expect(lookups.map(({ op }) => op.operationId)).toContain('deleteCredential')
    const cases = fc.constantFrom(...lookups).chain(({ op, schema }) =>
      validArbitrary(document, schema, {
        refOverrides: { [API_KEY_REF]: fc.constant(PLACEHOLDER) },
      }).map((body) => ({ operationId: op.operationId, body })),
    )
    await fc.assert(
      fc.asyncProperty(cases, async ({ operationId, body }) => {
        const apiKey = await createCredential()
        const deleted = await send.sendJson(credentials.operation('deleteCredential'), { apiKey })
        assertConforms(
          credentials,
          credentials.operation('deleteCredential'),
          deleted,
          deleted.response.status === 200 ? [] : ['deleting a fresh credential did not give 200'],
        )
        const forKey = JSON.parse(JSON.stringify(body).replaceAll(PLACEHOLDER, apiKey))
        const sent = await send.sendJson(credentials.operation(operationId), forKey)
        const problems =
          sent.response.status === 404
            ? []
            : [`${operationId} of a deleted key got ${sent.response.status}, not 404`]
        if (sent.response.status === 404 && JSON.parse(sent.response.text).apiKey !== apiKey) {
          problems.push('the 404 body names another apiKey')
        }
        assertConforms(credentials, credentials.operation(operationId), sent, problems)
      }),
      parameters,
    )
  })
})
