import { describe, expect, it } from 'vitest'
import { Masker } from '../../../src/report/mask.js'

describe('Masker', () => {
  it('masks every secret it was given, wherever it stands', () => {
    const masker = new Masker()
    masker.add('UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B')
    masker.add('SECRET2SECRET2SECRET2SECRET2SECR')
    expect(
      masker.mask(
        'a UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B b "SECRET2SECRET2SECRET2SECRET2SECR" UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B',
      ),
    ).toBe('a [redacted] b "[redacted]" [redacted]')
  })

  it('masks signatures: lower-case hex of 32 characters or more', () => {
    const masker = new Masker()
    const sha256 = '557846d65110c3e128441d86a7ee12e20a7f749ef4b8bbed43cf5652d3b9f15e'
    const md5 = 'e249066944afadec9ca90fef5945132e'
    expect(masker.mask(`signature=${sha256}, x ${md5}; short abc123`)).toBe(
      'signature=[redacted], x [redacted]; short abc123',
    )
  })

  it('keeps short strings out, so that it never masks ordinary words', () => {
    const masker = new Masker()
    masker.add('a')
    masker.add('')
    expect(masker.secrets().size).toBe(0)
    expect(masker.mask('a b c')).toBe('a b c')
  })
})
