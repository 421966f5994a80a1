import { describe, expect, it } from 'vitest'
import { parseResponses } from '../src/response-parser.ts'

const bytes = (text: string) => Buffer.from(text, 'latin1')

describe('parseResponses', () => {
  it('reads pipelined answers framed by Content-Length and chunked, skipping a 100 Continue', () => {
    const { responses, interim } = parseResponses(
      bytes(
        'HTTP/1.1 100 Continue\r\n\r\n' +
          'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}' +
          'HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
      ),
      { closed: false },
    )
    expect(interim).toBe(1)
    expect(responses.map((r) => [r.status, r.body.toString(), r.complete])).toEqual([
      [200, '{}', true],
      [400, 'abc', true],
    ])
  })

  it('says a body is whole only once all of it came (or the close ends it)', () => {
    const partial = parseResponses(bytes('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'), {
      closed: true,
    })
    expect(partial.responses[0]?.complete).toBe(false)
    const byClose = bytes('HTTP/1.1 200 OK\r\n\r\nabc')
    expect(parseResponses(byClose, { closed: false }).responses[0]?.complete).toBe(false)
    expect(parseResponses(byClose, { closed: true }).responses[0]?.body.toString()).toBe('abc')
  })

  it('reads no body after HEAD, and flags bytes that are not HTTP', () => {
    const head = parseResponses(bytes('HTTP/1.1 405 X\r\nContent-Length: 20\r\n\r\n'), {
      closed: false,
      bodyless: true,
    })
    expect(head.responses[0]).toMatchObject({ status: 405, complete: true })
    expect(parseResponses(bytes('garbage\r\n\r\n'), { closed: true }).error).toMatch(
      /^bad status line/,
    )
  })
})
