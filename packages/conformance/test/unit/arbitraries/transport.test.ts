import { credentialsContract } from '@solapi/credentials-spec'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { transportFaultArbitrary } from '../../../src/arbitraries/transport.js'
import { validArbitrary } from '../../../src/arbitraries/valid.js'
import { document, requestSchemas, validate } from './spec-schemas.js'

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

describe.each(requestSchemas)('transportFaultArbitrary for the $title', ({ pointer, schema }) => {
  const faults = fc.sample(transportFaultArbitrary(validArbitrary(document, schema)), 600)

  it('produces every kind of fault', () => {
    expect(new Set(faults.map((f) => f.fault))).toEqual(
      new Set([
        'too-large',
        'not-utf8',
        'not-json',
        'empty-body',
        'wrong-content-type',
        'no-content-type',
      ]),
    )
  })

  it("too-large bodies exceed the spec's body limit and are otherwise valid", () => {
    for (const f of faults.filter((f) => f.fault === 'too-large')) {
      expect(f.bytes.length).toBeGreaterThan(credentialsContract.limits.maxRequestBodyBytes)
      expect(validate(pointer, JSON.parse(strictUtf8.decode(f.bytes))).valid).toBe(true)
      expect(f.expectedStatus).toBe(413)
    }
  })

  it('not-utf8 bodies are rejected by a strict UTF-8 decoder', () => {
    for (const f of faults.filter((f) => f.fault === 'not-utf8')) {
      expect(() => strictUtf8.decode(f.bytes)).toThrow()
      expect(f.expectedStatus).toBe(400)
    }
  })

  it('not-json and empty bodies do not parse as JSON', () => {
    for (const f of faults.filter((f) => f.fault === 'not-json' || f.fault === 'empty-body')) {
      expect(() => JSON.parse(new TextDecoder().decode(f.bytes))).toThrow()
      expect(f.contentType).toBe('application/json')
      expect(f.expectedStatus).toBe(400)
    }
  })

  it('bodies not sent as JSON carry a valid body and expect 415', () => {
    for (const f of faults.filter((f) => f.fault.endsWith('content-type'))) {
      expect(f.contentType === undefined || !f.contentType.startsWith('application/json')).toBe(
        true,
      )
      expect(validate(pointer, JSON.parse(strictUtf8.decode(f.bytes))).valid).toBe(true)
      expect(f.expectedStatus).toBe(415)
    }
  })
})
