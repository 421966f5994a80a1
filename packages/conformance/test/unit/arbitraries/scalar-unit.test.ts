import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scalarUnit } from '../../../src/arbitraries/scalar-unit.js'

const isScalar = (char: string) => {
  const codePoint = char.codePointAt(0) ?? -1
  return String.fromCodePoint(codePoint) === char && (codePoint < 0xd800 || codePoint > 0xdfff)
}

describe('scalarUnit', () => {
  it('draws one Unicode scalar value, from the whole range (ASCII, the BMP above the surrogates, astral)', () => {
    const drawn = fc.sample(scalarUnit, { numRuns: 2000, seed: 42 })
    expect(drawn.filter((char) => !isScalar(char))).toEqual([])
    const codePoints = drawn.map((char) => char.codePointAt(0) ?? -1)
    expect(codePoints.some((cp) => cp < 0x80)).toBe(true)
    expect(codePoints.some((cp) => cp >= 0xe000 && cp <= 0xffff)).toBe(true)
    expect(codePoints.some((cp) => cp > 0xffff)).toBe(true)
  })

  it('takes back any scalar value it can draw, and nothing else (for shrinking without context)', () => {
    for (const char of ['a', '\u0000', '\ud7ff', '\ue000', '가', '😀', '\u{10ffff}']) {
      expect(scalarUnit.canShrinkWithoutContext(char), char).toBe(true)
    }
    for (const value of ['\ud800', '\udfff', 'ab', '', 1, undefined]) {
      expect(scalarUnit.canShrinkWithoutContext(value), String(value)).toBe(false)
    }
  })

  it('makes strings whose length in units is their length in code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: scalarUnit, minLength: 2, maxLength: 5 }), (text) => {
        const length = [...text].length
        return length >= 2 && length <= 5
      }),
    )
  })
})
