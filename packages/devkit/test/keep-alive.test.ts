import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { statusesAcrossIdle } from '../src/index.js'

const REQUEST = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n'

/** A server that answers 204 and keeps an idle connection `keepAliveMs`. */
async function serverKeeping(keepAliveMs: number) {
  const server = http.createServer((_request, response) => response.writeHead(204).end())
  server.keepAliveTimeout = keepAliveMs
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

let keeping: http.Server
let closing: http.Server
beforeAll(async () => {
  ;[keeping, closing] = await Promise.all([serverKeeping(10_000), serverKeeping(300)])
})
afterAll(() => {
  for (const server of [keeping, closing]) {
    server.closeAllConnections()
    server.close()
  }
})

const portOf = (server: http.Server) => (server.address() as AddressInfo).port

describe('statusesAcrossIdle', () => {
  it('gives both answers when the server keeps the idle connection', async () => {
    expect(
      await statusesAcrossIdle({ port: portOf(keeping), request: REQUEST, idleMs: 800 }),
    ).toEqual(['HTTP/1.1 204', 'HTTP/1.1 204'])
  })

  it('gives only the first when the server closes it while idle', async () => {
    expect(
      await statusesAcrossIdle({ port: portOf(closing), request: REQUEST, idleMs: 1_500 }),
    ).toEqual(['HTTP/1.1 204'])
  })
})
