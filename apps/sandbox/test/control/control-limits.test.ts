// The control API's bounds: a body is capped before it is buffered, an error answer lists a
// bounded number of fields, and an account id is read only in its canonical form.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CONTROL_MAX_BODY_BYTES, MAX_LISTED_ERRORS } from '../../src/http/control-api.js'
import { type RunningSandbox, startSandbox } from '../../src/start-sandbox.js'
import { ownStore } from '../support/backend.js'
import { controlResponseErrors } from '../support/control-spec.js'

let sandbox: RunningSandbox

beforeAll(async () => {
  sandbox = await startSandbox(await ownStore())
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.control.resetSandbox())

async function send(
  method: string,
  path: string,
  body: BodyInit,
  contentType = 'application/json',
) {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    headers: { authorization: `Bearer ${sandbox.controlToken}`, 'content-type': contentType },
    body,
    duplex: 'half',
  } as RequestInit)
  return { status: response.status, body: await response.json() }
}

/** An object of `keys` unknown fields, streamed in chunks as it is made: never whole in memory. */
function manyKeys(keys: number, first = '{"times":1,"status":503'): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let made = 0
  return new ReadableStream({
    start(controller) {
      controller.enqueue(encoder.encode(first))
    },
    pull(controller) {
      if (made >= keys) {
        controller.enqueue(encoder.encode('}'))
        controller.close()
        return
      }
      let chunk = ''
      for (let i = 0; i < 10_000 && made < keys; i++, made++) chunk += `,"k${made}":0`
      controller.enqueue(encoder.encode(chunk))
    },
  })
}

describe('the control API body cap', () => {
  it(`refuses a body over ${CONTROL_MAX_BODY_BYTES} bytes by Content-Length with 413, before reading it`, async () => {
    const body = JSON.stringify({ times: 1, status: 503, pad: 'x'.repeat(CONTROL_MAX_BODY_BYTES) })
    const response = await send('POST', '/faults', body)
    expect(response).toEqual({
      status: 413,
      body: {
        errorCode: 'PayloadTooLarge',
        errorMessage: `The request body is larger than ${CONTROL_MAX_BODY_BYTES} bytes.`,
      },
    })
    expect(controlResponseErrors('addFault', 413, response.body)).toEqual([])
    expect(await sandbox.control.listFaults()).toEqual([])
  })

  it('refuses a streamed object of a million keys with 413 once the cap is passed', async () => {
    const started = performance.now()
    const response = await send('POST', '/faults', manyKeys(1_000_000) as unknown as BodyInit)
    expect([response.status, response.body.errorCode]).toEqual([413, 'PayloadTooLarge'])
    // Bounded by the cap, not the body: the old reader parsed all of it and listed every key.
    expect(performance.now() - started).toBeLessThan(5000)
    expect(await sandbox.control.listFaults()).toEqual([])
  })

  it('accepts a body of exactly the cap', async () => {
    const rule = '{"times":1,"status":503}'
    const body = rule + ' '.repeat(CONTROL_MAX_BODY_BYTES - rule.length)
    const response = await send('POST', '/faults', body)
    expect(response.status).toBe(201)
  })
})

describe('the control API error list', () => {
  it(`lists the first ${MAX_LISTED_ERRORS} field errors and says how many there were`, async () => {
    const keys = 1500
    const response = await send('POST', '/faults', manyKeys(keys) as unknown as BodyInit)
    expect(response.status).toBe(400)
    expect(response.body.errorCode).toBe('ValidationError')
    expect(response.body.errors).toHaveLength(MAX_LISTED_ERRORS)
    expect(response.body.errors[0]).toEqual(
      expect.objectContaining({ field: '/k0', rule: 'additionalProperties' }),
    )
    expect(response.body.errorMessage).toMatch(
      new RegExp(
        `^Request body is invalid \\(${keys} errors; the first ${MAX_LISTED_ERRORS}:\\): `,
      ),
    )
    expect(response.body.errorMessage).not.toContain(`/k${MAX_LISTED_ERRORS}`)
    expect(controlResponseErrors('addFault', 400, response.body)).toEqual([])
    expect(await sandbox.control.listFaults()).toEqual([])
  })

  it('lists a few errors whole, with no count', async () => {
    const response = await send('POST', '/faults', '{"times":0,"status":999}')
    expect(response.status).toBe(400)
    expect(response.body.errors.length).toBeGreaterThan(1)
    expect(response.body.errorMessage).toMatch(/^Request body is invalid: /)
  })
})

describe('account ids', () => {
  const fixture = { apiKey: 'NCSFIXTURE000001', apiSecret: 'FIXTURESECRET0000000000000000001' }

  it.each([
    'acct_01',
    'acct_0',
    'acct_001',
    'acct_1234567890123456',
    'acct_99999999999999999999',
    'acct_+1',
    'acct_1e3',
  ])('refuses %s, naming the field and the rule, and seeds nothing', async (accountId) => {
    const response = await send('POST', '/credentials', JSON.stringify({ accountId, ...fixture }))
    expect(response.status).toBe(400)
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: '/accountId', rule: 'pattern' }),
    ])
    // Never read as another account and echoed back as if it were that one.
    expect(JSON.stringify(response.body)).not.toContain('acct_1"')
    expect(controlResponseErrors('seedCredential', 400, response.body)).toEqual([])
    // The key is still free: nothing was seeded into acct_1 (the old reading of acct_01).
    const seeded = await send(
      'POST',
      '/credentials',
      JSON.stringify({ accountId: 'acct_1', ...fixture }),
    )
    expect(seeded.status).toBe(201)
  })
})
