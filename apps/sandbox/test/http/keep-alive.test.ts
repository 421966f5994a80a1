// A sandbox on loopback keeps an idle keep-alive connection well past node:http's 5 s default,
// so that a client whose event loop was held up (a busy test machine) does not send its next
// request on a connection the server has just closed; a hosted one keeps node:http's default.
import { statusesAcrossIdle } from '@solapi/devkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/start-sandbox.js'
import { ownStore } from '../support/backend.js'
import { TEST_CREDENTIAL } from '../support/signing.js'

/** Past node:http's default keep-alive (5 s) and the checks it makes to enforce it. */
const IDLE_MS = 6_500

let loopback: RunningSandbox
let hosted: RunningSandbox

beforeAll(async () => {
  ;[loopback, hosted] = await Promise.all([
    ownStore().then((store) => startSandbox({ ...store, ...TEST_CREDENTIAL })),
    // 0.0.0.0 is no loopback address: the listener is in hosted mode.
    ownStore().then((store) => startSandbox({ ...store, ...TEST_CREDENTIAL, host: '0.0.0.0' })),
  ])
})
afterAll(() => Promise.all([loopback?.close(), hosted?.close()]))

/**
 * A request the sandbox answers (404) without its database: on PostgreSQL beside a busy CI run,
 * /healthz once answered 503 after the idle wait (a new database connection took over its 2 s),
 * which says nothing about the HTTP connection this test is about.
 */
const PROBE = 'GET /keep-alive-probe HTTP/1.1\r\nHost: sandbox\r\nConnection: keep-alive\r\n\r\n'

const askTwice = (port: number, idleMs: number) =>
  statusesAcrossIdle({ port, request: PROBE, idleMs })

describe('keep-alive', () => {
  it(`on loopback, a connection idle for ${IDLE_MS / 1000} s still carries the next request`, async () => {
    expect(await askTwice(Number(new URL(loopback.url).port), IDLE_MS)).toEqual([
      'HTTP/1.1 404',
      'HTTP/1.1 404',
    ])
  })

  it(`hosted, node:http's default: a connection idle for ${IDLE_MS / 1000} s is closed`, async () => {
    const hostedPort = Number(new URL(hosted.url).port)
    expect(await askTwice(hostedPort, IDLE_MS)).toEqual(['HTTP/1.1 404'])
  })
})
