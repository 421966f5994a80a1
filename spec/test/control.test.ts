import { describe, expect, it } from 'vitest'
import {
  createValidator,
  credentialsContract,
  listOperations,
  type Media,
  sandboxControlDocument,
} from '../src/index.js'

const operations = listOperations(sandboxControlDocument)
const validator = createValidator(sandboxControlDocument)

const media = operations.flatMap((op) => [
  ...Object.values(op.requestBody?.content ?? {}).map((m) => ({
    where: `${op.operationId} request`,
    m,
  })),
  ...Object.entries(op.responses).flatMap(([status, response]) =>
    Object.values(response.content).map((m) => ({ where: `${op.operationId} ${status}`, m })),
  ),
])
const examples = media.flatMap(({ where, m }: { where: string; m: Media }) =>
  Object.entries(m.examples).map(([name, value]) => ({ title: `${where} ${name}`, m, value })),
)

describe('the sandbox control API document', () => {
  it('lives under /_sandbox/ and shares no path with the Credentials API', () => {
    expect(operations.map((op) => `${op.method} ${op.path}`)).toEqual([
      'post /_sandbox/reset',
      'post /_sandbox/accounts',
      'post /_sandbox/credentials',
      'get /_sandbox/clock',
      'put /_sandbox/clock',
      'delete /_sandbox/clock',
      'get /_sandbox/faults',
      'post /_sandbox/faults',
      'delete /_sandbox/faults',
      'get /_sandbox/requests',
    ])
    const apiPaths = new Set(credentialsContract.operations.map((op) => op.path))
    expect(operations.filter((op) => apiPaths.has(op.path))).toEqual([])
  })

  it('names every operation of the Credentials API as a fault target, and only those', () => {
    const fault = operations.find((op) => op.operationId === 'addFault')
    const schema = fault?.requestBody?.content['application/json']?.schema as {
      properties: { operation: { $ref: string } }
    }
    const target = sandboxControlDocument.components?.schemas?.OperationId
    expect(schema.properties.operation.$ref).toBe('#/components/schemas/OperationId')
    expect(target?.enum).toEqual(credentialsContract.operations.map((op) => op.operationId))
  })

  it('is signed with a bearer token, never the HMAC scheme', () => {
    expect(sandboxControlDocument.security).toEqual([{ controlToken: [] }])
    expect(sandboxControlDocument.components?.securitySchemes?.controlToken).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    })
  })

  it('lists the query parameter of the journal, where the validator can check it', () => {
    const list = operations.find((op) => op.operationId === 'listRequests')
    expect(list?.parameters.map((p) => [p.in, p.name, p.required])).toEqual([
      ['query', 'limit', false],
    ])
    const limit = list?.parameters[0]?.schemaPointer ?? ''
    expect(validator.validate(limit, 1000).valid).toBe(true)
    expect(validator.validate(limit, 0).errors).toEqual([
      expect.objectContaining({ field: '', rule: 'minimum' }),
    ])
    expect(validator.validate(limit, 2.5).errors).toEqual([
      expect.objectContaining({ field: '', rule: 'type' }),
    ])
    expect(operations.find((op) => op.operationId === 'resetSandbox')?.parameters).toEqual([])
  })

  it.each(examples)('$title validates against its schema', ({ m, value }) => {
    expect(validator.validate(m.schemaPointer, value).errors).toEqual([])
  })

  it('refuses bad input naming the field and the rule', () => {
    expect(
      validator.request('addFault', { times: 0, operation: 'dropCredential', status: 503 }),
    ).toEqual({
      valid: false,
      errors: [
        expect.objectContaining({ field: '/operation', rule: 'enum' }),
        expect.objectContaining({ field: '/times', rule: 'minimum' }),
      ],
    })
    expect(validator.request('setClock', { offsetMs: 1, frozenAt: 'now' }).valid).toBe(false)
    expect(validator.request('setClock', { frozenAt: '2026-03-01T12:00:00Z' }).valid).toBe(true)
  })

  it.each([
    [
      'status and drop together',
      { times: 1, status: 503, drop: true },
      { field: '/drop', rule: 'not', message: 'must not have status with drop: true' },
    ],
    [
      'retryAfter without a status',
      { times: 1, drop: true, retryAfter: 1 },
      { field: '/retryAfter', rule: 'dependentRequired', message: 'needs status as well' },
    ],
    [
      'a rule that changes nothing',
      { times: 1, delayMs: 0 },
      {
        field: '',
        rule: 'anyOf',
        message: 'must have at least one of: status (an answer); drop: true; delayMs above 0',
      },
    ],
  ])(
    'refuses a fault rule with %s in one error naming the field and the rule',
    (_, rule, error) => {
      expect(validator.request('addFault', rule)).toEqual({ valid: false, errors: [error] })
    },
  )

  it.each([
    { times: 1, status: 503, retryAfter: 1 },
    { times: 1, drop: true, delayMs: 10 },
    { times: 1, delayMs: 1 },
    { times: 1, status: 500, drop: false },
  ])('takes the fault rule %j', (rule) => {
    expect(validator.request('addFault', rule)).toEqual({ valid: true, errors: [] })
  })
})
