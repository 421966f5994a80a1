import { describe, expect, it } from 'vitest'
import { credentialsContract, type Media, type SchemaObject } from '../src/index.js'
import { seedSections, withoutTrailingCommas } from './seed-reference.js'

const validator = credentialsContract.validator()
const validate = (media: Media, value: unknown) => validator.validate(media.schemaPointer, value)
const sections = seedSections()

function json(media: Media | undefined): Media {
  if (!media) throw new Error('no application/json media')
  return media
}
function responseMedia(operationId: string): Media {
  return json(
    credentialsContract.operation(operationId).responses['200']?.content['application/json'],
  )
}
function requestMedia(operationId: string): Media {
  return json(credentialsContract.operation(operationId).requestBody?.content['application/json'])
}
function firstExampleValue(media: Media) {
  return Object.values(media.examples)[0]
}

describe('the seed reference', () => {
  it('documents exactly the six operations of the spec, in order', () => {
    expect(sections.map((s) => s.operationId)).toEqual(
      credentialsContract.operations.map((op) => op.operationId),
    )
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

  it('response sample validates against the 200 schema', () => {
    const result = validate(responseMedia(section.operationId), sample)
    expect(result.errors).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('response sample is the first named 200 example, so the mock serves it', () => {
    expect(firstExampleValue(responseMedia(section.operationId))).toEqual(sample)
  })

  it('first named request example validates against the request schema', () => {
    const media = requestMedia(section.operationId)
    expect(validate(media, firstExampleValue(media)).valid).toBe(true)
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
    const media = requestMedia(section.operationId)
    expect(firstExampleValue(media)).toEqual(JSON.parse(section.requestSampleText ?? ''))
  })
})

describe.each(sections)('$operationId broken samples are rejected', (section) => {
  const sample = JSON.parse(withoutTrailingCommas(section.responseSampleText))
  const schema = responseMedia(section.operationId)
  const required: string[] = (schema.schema as SchemaObject).required

  it.each(required)('without required %s', (field) => {
    const { [field]: _removed, ...rest } = sample
    const result = validate(schema, rest)
    expect(result.valid).toBe(false)
    expect(result.errors.some((e) => e.rule === 'required')).toBe(true)
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
  const schema = responseMedia('getCredentialInfo')

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
    const result = validate(responseMedia('updateCredentialStatus'), {
      apiKey: 'NCSOGH0TB3PDIGV1',
      resultCode: 'Done',
    })
    expect(result.valid).toBe(false)
  })

  it('rejects an update request with an unknown status, naming the field and the rule', () => {
    const media = requestMedia('updateCredentialStatus')
    const result = validate(media, { apiKey: 'NCSOGH0TB3PDIGV1', credentialStatus: 'on' })
    expect(result.valid).toBe(false)
    expect(result.errors[0]).toMatchObject({ field: '/credentialStatus', rule: 'enum' })
  })

  it('rejects a body with parameters on an operation that takes none', () => {
    expect(validate(requestMedia('createCredential'), { name: 'x' }).valid).toBe(false)
  })
})
