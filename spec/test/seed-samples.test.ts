import { describe, expect, it } from 'vitest'
import { createValidator, deref, loadBundledSpec, OPERATIONS, operation } from './load-spec.js'
import { seedSections, withoutTrailingCommas } from './seed-reference.js'

const spec = loadBundledSpec()
const validate = createValidator(spec)
const sections = seedSections()

function responseSchema(operationId: string) {
  return operation(spec, operationId).responses['200'].content['application/json'].schema
}
function firstExampleValue(media: { examples: Record<string, unknown> }) {
  const [first] = Object.values(media.examples)
  return deref(spec, first).value
}

describe('the seed reference', () => {
  it('documents exactly the six operations of the spec, in order', () => {
    expect(sections.map((s) => s.operationId)).toEqual([...OPERATIONS])
  })

  it('has response samples that are invalid JSON until their trailing commas are removed', () => {
    const broken = sections.filter((s) => {
      try {
        JSON.parse(s.responseSampleText)
        return false
      } catch {
        return true
      }
    })
    expect(broken.map((s) => s.operationId)).toEqual(['getCredentialInfo', 'getCredentialList'])
    for (const section of broken) {
      expect(() => JSON.parse(withoutTrailingCommas(section.responseSampleText))).not.toThrow()
    }
  })
})

describe.each(sections)('$operationId seed samples', (section) => {
  const sample = JSON.parse(withoutTrailingCommas(section.responseSampleText))
  const op = operation(spec, section.operationId)

  it('response sample validates against the 200 schema', () => {
    const result = validate(responseSchema(section.operationId), sample)
    expect(result.errors).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('response sample is the first named 200 example, so the mock serves it', () => {
    expect(firstExampleValue(op.responses['200'].content['application/json'])).toEqual(sample)
  })

  it('first named request example validates against the request schema', () => {
    const media = op.requestBody.content['application/json']
    expect(validate(media.schema, firstExampleValue(media)).valid).toBe(true)
  })
})

const withRequestSample = sections.filter((s) => s.requestSampleText !== undefined)

describe('seed JavaScript request bodies', () => {
  it('exist for the operations that take a body, except delete (see ERRATA.md)', () => {
    expect(withRequestSample.map((s) => s.operationId)).toEqual([
      'getCredentialInfo',
      'regenerateSecretKey',
      'updateCredentialStatus',
    ])
  })

  it.each(withRequestSample)('$operationId body is the first named request example', (section) => {
    const media = operation(spec, section.operationId).requestBody.content['application/json']
    expect(firstExampleValue(media)).toEqual(JSON.parse(section.requestSampleText ?? ''))
  })
})

describe.each(sections)('$operationId broken samples are rejected', (section) => {
  const sample = JSON.parse(withoutTrailingCommas(section.responseSampleText))
  const schema = responseSchema(section.operationId)
  const required: string[] = deref(spec, schema).required

  it.each(required)('without required %s', (field) => {
    const { [field]: _removed, ...rest } = sample
    const result = validate(schema, rest)
    expect(result.valid).toBe(false)
    expect(result.errors.some((e) => e.keyword === 'required')).toBe(true)
  })

  it('with an unknown field', () => {
    expect(validate(schema, { ...sample, unexpected: true }).valid).toBe(false)
  })

  it('with a lower-case apiKey', () => {
    const apiKey = Object.keys(sample.credentials ?? {})[0] ?? sample.apiKey
    const mutated = sample.credentials
      ? { credentials: { [apiKey.toLowerCase()]: sample.credentials[apiKey] } }
      : { ...sample, apiKey: apiKey.toLowerCase() }
    expect(validate(schema, mutated).valid).toBe(false)
  })
})

describe('field rules', () => {
  const info = JSON.parse(withoutTrailingCommas(sections[1]?.responseSampleText ?? ''))
  const schema = responseSchema('getCredentialInfo')

  it.each([
    ['credentialStatus outside active|inactive', { credentialStatus: 'enabled' }],
    ['dateCreated that is not a date-time', { dateCreated: '2017-08-01 11:01:07' }],
    ['apiSecret of 31 characters', { apiSecret: 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49' }],
    ['apiSecret with lower-case letters', { apiSecret: 'udwmzbdeqotxnu1k2houj2zcvelff49b' }],
    ['apiKey of 17 characters', { apiKey: 'NCSOGH0TB3PDIGV1X' }],
  ])('rejects %s', (_rule, patch) => {
    expect(validate(schema, { ...info, ...patch }).valid).toBe(false)
  })

  it('rejects a status update whose resultCode is not Success', () => {
    const result = validate(responseSchema('updateCredentialStatus'), {
      apiKey: 'NCSOGH0TB3PDIGV1',
      resultCode: 'Done',
    })
    expect(result.valid).toBe(false)
  })

  it('rejects an update request with an unknown status, naming the field and the rule', () => {
    const media = operation(spec, 'updateCredentialStatus').requestBody.content['application/json']
    const result = validate(media.schema, { apiKey: 'NCSOGH0TB3PDIGV1', credentialStatus: 'on' })
    expect(result.valid).toBe(false)
    expect(result.errors[0]).toMatchObject({ instancePath: '/credentialStatus', keyword: 'enum' })
  })

  it('rejects a body with parameters on an operation that takes none', () => {
    const media = operation(spec, 'createCredential').requestBody.content['application/json']
    expect(validate(media.schema, { name: 'x' }).valid).toBe(false)
  })
})
