// Bodies that cannot be read to their end, sent over a raw socket as no fetch would send them: a
// chunk size that is not one, and a client that leaves mid-body. Each is the client's fault: the
// journal and the log say 400 (or nothing), never 500 InternalError, and the server answers the
// next request.
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type InProcessServer, startInProcessServer } from '../support/in-process-server.js'
import { clientHeader, post, TEST_CREDENTIAL } from '../support/signing.js'

let server: InProcessServer

beforeAll(async () => {
  server = await startInProcessServer()
})
afterAll(() => server.close())

/** Writes `parts` to a new connection, pausing between them, then ends or cuts it. */
function sendRaw(parts: string[], finish: 'end' | 'destroy'): Promise<string> {
  const { port, hostname } = new URL(server.url)
  return new Promise((resolve) => {
    let received = ''
    const socket = connect(Number(port), hostname)
    socket.setEncoding('latin1')
    socket.on('data', (data) => {
      received += data
    })
    socket.on('error', () => {})
    socket.on('close', () => resolve(received))
    socket.once('connect', async () => {
      for (const part of parts) {
        socket.write(part)
        await new Promise((wait) => setTimeout(wait, 50))
      }
      if (finish === 'destroy') socket.destroy()
      else socket.end()
    })
  })
}

function head(path: string, headers: Record<string, string>): string {
  const lines = Object.entries({ Host: 'sandbox.test', ...headers }).map(([k, v]) => `${k}: ${v}`)
  return `POST ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`
}

const INFO = '/credentials/getCredentialInfo'

async function journal() {
  const response = await fetch(`${server.url}/_sandbox/requests`, {
    headers: { authorization: `Bearer ${server.controlToken}` },
  })
  return ((await response.json()) as { requests: { status: number; errorCode: string }[] }).requests
}

/** The log lines of one event, parsed. */
const logged = (event: string) =>
  server.logLines.map((line) => JSON.parse(line)).filter((line) => line.event === event)

/** Waits until the journal holds `count` entries (the server notices a cut connection later). */
async function journalOf(count: number) {
  for (let tries = 0; tries < 100; tries++) {
    const entries = await journal()
    if (entries.length >= count) return entries
    await new Promise((wait) => setTimeout(wait, 50))
  }
  return journal()
}

describe('a body that cannot be read to its end', () => {
  it.each([
    [
      'a chunk size that is not hexadecimal',
      ['5\r\n{"api\r\n', 'ZZ\r\nKey"}\r\n0\r\n\r\n'],
      'end' as const,
      { 'Transfer-Encoding': 'chunked' },
    ],
    [
      'a client that leaves mid-body',
      ['{"apiKey":"NCS'],
      'destroy' as const,
      { 'Content-Length': '100' },
    ],
    [
      'a client that leaves mid-chunk',
      ['40\r\n{"apiKey":"NCS'],
      'destroy' as const,
      { 'Transfer-Encoding': 'chunked' },
    ],
  ])('%s is never a 500 in the journal or the log', async (_, body, finish, framing) => {
    const before = (await journal()).length
    server.logLines.length = 0
    await sendRaw(
      [
        head(INFO, {
          Authorization: clientHeader(TEST_CREDENTIAL),
          'Content-Type': 'application/json',
          ...framing,
        }),
        ...body,
      ],
      finish,
    )
    const entries = await journalOf(before + 1)
    expect(entries.length).toBe(before + 1)
    const entry = entries[0]
    expect([entry?.status, entry?.errorCode]).toEqual([400, 'InvalidJSON'])
    expect(logged('unhandled')).toEqual([])
    expect(
      logged('request')
        .filter((line) => line.path === INFO)
        .map((line) => line.status),
    ).toEqual([400])
    // The server still answers.
    const good = await post(
      server.url,
      INFO,
      { apiKey: TEST_CREDENTIAL.apiKey },
      { authorization: clientHeader(TEST_CREDENTIAL) },
    )
    expect(good.status).toBe(200)
  })

  it('is a 400 on the control API too, never a 500 in the log', async () => {
    server.logLines.length = 0
    await sendRaw(
      [
        head('/_sandbox/faults', {
          Authorization: `Bearer ${server.controlToken}`,
          'Content-Type': 'application/json',
          'Content-Length': '100',
        }),
        '{"times":1,',
      ],
      'destroy',
    )
    for (let tries = 0; tries < 100 && logged('request').length === 0; tries++) {
      await new Promise((wait) => setTimeout(wait, 50))
    }
    expect(logged('unhandled')).toEqual([])
    expect(logged('request').map((line) => [line.path, line.status])).toEqual([
      ['/_sandbox/faults', 400],
    ])
  })
})
