import { describe, expect, it } from 'vitest'
import { readNodeHeader } from '../../src/http/read-node-header.js'

const unusedRequest = new Request('http://127.0.0.1/')

/** What the web Headers object (the default reader) answers for the same raw header list. */
function viaHeaders(rawHeaders: string[], name: string): string | null {
  const headers = new Headers()
  for (let i = 0; i < rawHeaders.length; i += 2) {
    headers.append(rawHeaders[i] as string, rawHeaders[i + 1] as string)
  }
  return headers.get(name)
}

describe('readNodeHeader', () => {
  const cases: { name: string; rawHeaders: string[]; header: string }[] = [
    {
      name: 'a single field',
      rawHeaders: ['Content-Type', 'application/json'],
      header: 'content-type',
    },
    {
      name: 'a name in any case',
      rawHeaders: ['AUTHORIZATION', 'HMAC-SHA256 x'],
      header: 'authorization',
    },
    {
      name: 'repeated fields, joined like Headers.get',
      rawHeaders: ['Authorization', 'HMAC-SHA256 a', 'Host', 'h', 'authorization', 'HMAC-MD5 b'],
      header: 'authorization',
    },
    { name: 'an absent field', rawHeaders: ['Host', 'h'], header: 'x-request-id' },
    {
      name: 'surrounding HTTP whitespace, trimmed',
      rawHeaders: ['X-Request-Id', ' \tabc \r'],
      header: 'x-request-id',
    },
    { name: 'an empty value', rawHeaders: ['X-Request-Id', ''], header: 'x-request-id' },
    {
      name: 'a name that only shares the length',
      rawHeaders: ['Content-Tipe', 'text/plain'],
      header: 'content-type',
    },
  ]
  it.each(cases)('answers as Headers.get does for $name', ({ rawHeaders, header }) => {
    const env = { incoming: { rawHeaders } }
    expect(readNodeHeader(unusedRequest, env, header)).toBe(viaHeaders(rawHeaders, header))
  })

  it('falls back to the web Request without an IncomingMessage', () => {
    const request = new Request('http://127.0.0.1/', { headers: { 'X-Request-Id': 'r1' } })
    expect(readNodeHeader(request, undefined, 'x-request-id')).toBe('r1')
  })
})
