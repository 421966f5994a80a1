// On loopback the guard keeps an idle keep-alive connection well past node:http's 5 s default,
// so that a test suite whose event loop was held up does not send its next request on a
// connection the mock has just closed; listening elsewhere, it keeps node:http's default.
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startJsonGuard } from '../../src/json-guard.mjs'

/** Past node:http's default keep-alive (5 s) and the checks it makes to enforce it. */
const IDLE_MS = 6_500

/** A request the guard answers itself (404: no operation there), so Prism plays no part. */
const PROBE = 'GET /keep-alive-probe HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n'

type Guard = Awaited<ReturnType<typeof startJsonGuard>>
let loopback: Guard
let hosted: Guard

beforeAll(async () => {
  const options = { port: 0, maxBodyBytes: 16_384, operations: [] }
  ;[loopback, hosted] = await Promise.all([
    startJsonGuard({ ...options, host: '127.0.0.1' }),
    // 0.0.0.0 is no loopback address; the test still reaches it on 127.0.0.1.
    startJsonGuard({ ...options, host: '0.0.0.0' }),
  ])
})
afterAll(() => Promise.all([loopback?.close(), hosted?.close()]))

/** One connection: the probe, its answer, `idleMs` of silence, the probe again; the statuses. */
function askTwice(port: number, idleMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let received = ''
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(PROBE))
    socket.setEncoding('utf8')
    const statuses = () => received.match(/HTTP\/1\.1 \d{3}/g) ?? []
    let sentAgain = false
    socket.on('data', (chunk) => {
      received += chunk
      if (!sentAgain && statuses().length === 1) {
        sentAgain = true
        setTimeout(() => {
          if (!socket.destroyed) socket.write(PROBE)
        }, idleMs)
      }
      if (statuses().length === 2) socket.destroy()
    })
    socket.on('error', reject)
    socket.on('close', () => resolve(statuses()))
  })
}

describe('keep-alive', () => {
  it(`on loopback, a connection idle for ${IDLE_MS / 1000} s still carries the next request`, async () => {
    expect(await askTwice(loopback.port, IDLE_MS)).toEqual(['HTTP/1.1 404', 'HTTP/1.1 404'])
  })

  it(`elsewhere, node:http's default: a connection idle for ${IDLE_MS / 1000} s is closed`, async () => {
    expect(await askTwice(hosted.port, IDLE_MS)).toEqual(['HTTP/1.1 404'])
  })
})
