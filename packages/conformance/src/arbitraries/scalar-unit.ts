// One Unicode scalar value (any code point but a surrogate): the unit of fast-check's
// `unit: 'binary'` strings, drawn the same way (an integer, surrogates skipped). The first use of
// fast-check's own unit in a process builds a reverse map of all 1.1 million code points (about
// 1.4 CPU-s, a sixth of a default run); this one undoes its mapping by arithmetic.
import fc from 'fast-check'

const FIRST_SURROGATE = 0xd800
const SURROGATES = 0x800

const isSurrogate = (codePoint: number) =>
  codePoint >= FIRST_SURROGATE && codePoint < FIRST_SURROGATE + SURROGATES

/** A `unit` for `fc.string`: lengths then count code points, as with `'binary'`. */
export const scalarUnit: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 0x10ffff - SURROGATES })
  .map(
    (index) => String.fromCodePoint(index < FIRST_SURROGATE ? index : index + SURROGATES),
    (char) => {
      const codePoint = typeof char === 'string' ? char.codePointAt(0) : undefined
      if (
        codePoint === undefined ||
        isSurrogate(codePoint) ||
        String.fromCodePoint(codePoint) !== char
      ) {
        throw new Error('not one Unicode scalar value')
      }
      return codePoint < FIRST_SURROGATE ? codePoint : codePoint - SURROGATES
    },
  )
