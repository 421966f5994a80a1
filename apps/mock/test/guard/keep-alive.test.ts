// On loopback the guard keeps an idle keep-alive connection well past node:http's 5 s default,
// so that a test suite whose event loop was held up does not send its next request on a
// connection the mock has just closed; listening elsewhere, it keeps node:http's default.
import { statusesAcrossIdle } from '@solapi/devkit'
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

const askTwice = (port: number, idleMs: number) =>
  statusesAcrossIdle({ port, request: PROBE, idleMs })

describe('keep-alive', () => {
  it(`on loopback, a connection idle for ${IDLE_MS / 1000} s still carries the next request`, async () => {
    expect(await askTwice(loopback.port, IDLE_MS)).toEqual(['HTTP/1.1 404', 'HTTP/1.1 404'])
  })

  it(`elsewhere, node:http's default: a connection idle for ${IDLE_MS / 1000} s is closed`, async () => {
    expect(await askTwice(hosted.port, IDLE_MS)).toEqual(['HTTP/1.1 404'])
  })
})
