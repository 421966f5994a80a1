import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type InvalidBody, invalidArbitrary } from '../../../src/arbitraries/invalid.js'
import { document, requestSchemas, responseSchemas, validate } from './spec-schemas.js'

const RUNS = 300

/** The spec validator's errors name the rule at the place the body was broken. */
function namesTheBreak(pointer: string, broken: InvalidBody): boolean {
  const { errors } = validate(pointer, broken.body)
  return errors.some((e) => {
    if (broken.rule === 'required') return e.rule === 'required' && e.field === broken.pointer
    if (broken.rule === 'additionalProperties') return e.rule === 'additionalProperties'
    if (broken.rule === 'propertyNames') return e.rule === 'propertyNames'
    return (
      e.field === broken.pointer &&
      (e.rule === broken.rule || (broken.rule === 'type' && e.rule === 'enum'))
    )
  })
}

describe('invalidArbitrary over the spec', () => {
  it.each([...requestSchemas, ...responseSchemas])(
    'every generated invalid $title body fails the spec validator on the rule it names',
    ({ pointer, schema }) => {
      fc.assert(
        fc.property(invalidArbitrary(document, schema), (broken) => {
          expect(validate(pointer, broken.body).valid).toBe(false)
          expect(namesTheBreak(pointer, broken), JSON.stringify(broken)).toBe(true)
        }),
        { numRuns: RUNS },
      )
    },
  )

  it.each([
    [
      'updateCredentialStatus request',
      ['additionalProperties', 'enum', 'maxLength', 'minLength', 'pattern', 'required', 'type'],
    ],
    [
      'getCredentialInfo request',
      ['additionalProperties', 'maxLength', 'minLength', 'pattern', 'required', 'type'],
    ],
    ['createCredential request', ['additionalProperties', 'type']],
    [
      'getCredentialList 200 response',
      [
        'additionalProperties',
        'enum',
        'format',
        'maxLength',
        'minLength',
        'pattern',
        'propertyNames',
        'required',
        'type',
      ],
    ],
  ])('breaks every rule the %s schema has', (title, rules) => {
    const target = [...requestSchemas, ...responseSchemas].find((s) => s.title === title)
    const seen = new Set(
      fc.sample(invalidArbitrary(document, target?.schema ?? true), 1000).map((b) => b.rule),
    )
    expect([...seen].sort()).toEqual(rules)
  })

  it('breaks the body itself with a wrong type, such as an array or null', () => {
    const create = requestSchemas.find((s) => s.title === 'createCredential request')
    const roots = fc
      .sample(invalidArbitrary(document, create?.schema ?? true), 500)
      .filter((b) => b.pointer === '' && b.rule === 'type')
    expect(roots.length).toBeGreaterThan(0)
    expect(
      roots.every((b) => b.body === null || typeof b.body !== 'object' || Array.isArray(b.body)),
    ).toBe(true)
  })

  it('refuses a schema that accepts everything', () => {
    expect(() => fc.sample(invalidArbitrary(document, true), 1)).toThrow('nothing to break')
  })
})
