import {
  createValidator,
  credentialsContract,
  type OpenApiDocument,
} from '@solapi/credentials-spec'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { validArbitrary } from '../../../src/arbitraries/valid.js'
import { document, requestSchemas, responseSchemas, validate } from './spec-schemas.js'

const RUNS = 300

describe('validArbitrary over the spec', () => {
  it.each(requestSchemas)(
    'every generated $title body passes the spec validator',
    ({ pointer, schema }) => {
      fc.assert(
        fc.property(validArbitrary(document, schema), (body) => {
          expect(validate(pointer, body).errors).toEqual([])
        }),
        { numRuns: RUNS },
      )
    },
  )

  it.each(responseSchemas)(
    'every generated $title body passes the spec validator',
    ({ pointer, schema }) => {
      fc.assert(
        fc.property(validArbitrary(document, schema), (body) => {
          expect(validate(pointer, body).errors).toEqual([])
        }),
        { numRuns: RUNS },
      )
    },
  )

  it('generates map entries keyed by the propertyNames pattern (credential list)', () => {
    const list = responseSchemas.find((s) => s.title === 'getCredentialList 200 response')
    const keys = fc
      .sample(validArbitrary(document, list?.schema ?? false), 200)
      .flatMap((body) => Object.keys((body as { credentials: object }).credentials))
    expect(keys.length).toBeGreaterThan(100)
    expect(keys.every((key) => credentialsContract.limits.apiKey.pattern.test(key))).toBe(true)
  })

  it('mixes in refValues where a $ref names them, and refOverrides replace the schema', () => {
    const request =
      requestSchemas.find((s) => s.title === 'getCredentialInfo request')?.schema ?? false
    const known = 'NCSOGH0TB3PDIGV1'
    const mixed = fc.sample(
      validArbitrary(document, request, {
        refValues: { '#/components/schemas/ApiKey': fc.constant(known) },
      }),
      200,
    ) as Array<{ apiKey: string }>
    const hits = mixed.filter((b) => b.apiKey === known).length
    expect(hits).toBeGreaterThan(50)
    expect(hits).toBeLessThan(200)
    const forced = fc.sample(
      validArbitrary(document, request, {
        refOverrides: { '#/components/schemas/ApiKey': fc.constant(known) },
      }),
      50,
    ) as Array<{ apiKey: string }>
    expect(forced.every((b) => b.apiKey === known)).toBe(true)
  })
})

describe('validArbitrary over JSON Schema keywords the spec does not use yet', () => {
  const synthetic: OpenApiDocument = {
    openapi: '3.1.0',
    info: { version: '0.0.0' },
    paths: {},
    components: {
      schemas: {
        Tag: { type: 'string', minLength: 2, maxLength: 5 },
        Everything: {
          type: 'object',
          additionalProperties: false,
          required: ['count', 'ratio', 'tags', 'kind', 'when', 'choice', 'nullable'],
          properties: {
            count: { type: 'integer', minimum: 3, exclusiveMaximum: 40, multipleOf: 3 },
            ratio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
            tags: {
              type: 'array',
              items: { $ref: '#/components/schemas/Tag' },
              minItems: 1,
              maxItems: 4,
              uniqueItems: true,
            },
            kind: { const: 'fixed' },
            when: { type: 'string', format: 'date-time' },
            choice: { anyOf: [{ type: 'boolean' }, { type: 'string', pattern: '^x+$' }] },
            nullable: { type: ['string', 'null'], pattern: '^[a-f0-9]{4}$' },
            nested: {
              allOf: [
                { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
                { properties: { b: { type: 'boolean' } }, required: ['b'] },
              ],
            },
            free: { minProperties: 1, maxProperties: 3, additionalProperties: { type: 'integer' } },
          },
        },
      },
    },
  }
  const check = createValidator(synthetic)

  it('generates only values the spec validator accepts', () => {
    fc.assert(
      fc.property(
        validArbitrary(synthetic, { $ref: '#/components/schemas/Everything' }),
        (value) => {
          expect(check.validate('/components/schemas/Everything', value).errors).toEqual([])
        },
      ),
      { numRuns: 500 },
    )
  })

  it('says which schema it cannot satisfy', () => {
    expect(() => validArbitrary(synthetic, { enum: [] })).toThrow('#: enum is empty')
    expect(() => validArbitrary(synthetic, false)).toThrow('schema is false')
  })
})
