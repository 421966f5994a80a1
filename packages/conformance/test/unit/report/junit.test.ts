import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { escapeXml, toJUnitXml } from '../../../src/report/junit.js'
import { resultFixture, SEED } from './fixture.js'

const parse = (xml: string) =>
  new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  }).parse(xml)

describe('toJUnitXml', () => {
  const xml = toJUnitXml(resultFixture())

  it('writes well-formed XML that a real parser reads, control characters and all', () => {
    expect(XMLValidator.validate(xml)).toBe(true)
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true)
  })

  it('has one testsuite per group and one testcase per check, with the totals', () => {
    const { testsuites } = parse(xml)
    expect(testsuites).toMatchObject({
      '@_name': 'solapi-credentials-conformance',
      '@_tests': '3',
      '@_failures': '1',
      '@_skipped': '1',
      '@_time': '12.345',
    })
    expect(testsuites.testsuite.map((s: { '@_name': string }) => s['@_name'])).toEqual([
      'response',
      'auth',
      'lifecycle',
    ])
    const properties = testsuites.testsuite[0].properties.property
    expect(properties).toContainEqual({ '@_name': 'seed', '@_value': String(SEED) })
  })

  it('gives a failure its message, its counterexample and the command that replays it', () => {
    const auth = parse(xml).testsuites.testsuite[1]
    expect(auth).toMatchObject({ '@_tests': '1', '@_failures': '1' })
    const [testcase] = auth.testcase
    expect(testcase['@_name']).toBe('auth.replayed-signature')
    expect(testcase['@_classname']).toBe('solapi-credentials-conformance.auth')
    expect(testcase.failure['@_message']).toBe(
      'the same signature sent again got 200, not 403 DuplicatedSignature <&>"\'',
    )
    expect(testcase.failure['@_type']).toBe('auth.replayed-signature')
    expect(testcase.failure['#text']).toContain(
      'counterexample: [{"operationId":"getCredentialList","value":{}},"HMAC-SHA256"]',
    )
    expect(testcase.failure['#text']).toContain(
      `replay: solapi-credentials-conformance --seed ${SEED} --only auth.replayed-signature`,
    )
    expect(testcase['system-out']).toContain('requests: 200')
  })

  it('marks a skipped check skipped, with the reason', () => {
    const [testcase] = parse(xml).testsuites.testsuite[2].testcase
    expect(testcase.skipped['@_message']).toBe('writes: the run is read-only')
  })
})

describe('escapeXml', () => {
  it('escapes markup and replaces what XML 1.0 cannot hold', () => {
    expect(escapeXml(`<a href="x">&'</a>\u0000\u0008\uFFFE`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;\uFFFD\uFFFD\uFFFD',
    )
    expect(escapeXml('tab\tnewline\n한국어 😀')).toBe('tab\tnewline\n한국어 😀')
  })
})
