import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { guardedHandler } from '../../src/server/guarded-handler.mjs'
import { exchange } from './exchange.ts'

// The wrapper the docs server runs every request through, on a real HTTP server: a handler that
// throws, or whose promise rejects, costs that request a 500 and a log line without secrets.

const SECRET = 'GUARDSECRET00000000000000000001X'
const logged: string[] = []
let server: http.Server
let port: number

beforeAll(async () => {
  server = http.createServer(
    guardedHandler(
      async (request, response) => {
        if (request.url?.startsWith('/throws')) throw new Error(`boom with ${SECRET}`)
        if (request.url?.startsWith('/rejects')) {
          await new Promise((resolve) => setTimeout(resolve, 10))
          throw new TypeError(`late boom with ${SECRET}`)
        }
        if (request.url?.startsWith('/after-headers')) {
          response.writeHead(200, { 'content-type': 'text/plain' })
          response.write('partial')
          throw new Error(SECRET)
        }
        response.end('fine')
      },
      (line) => logged.push(line),
    ),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('guardedHandler', () => {
  it('answers 500 for a handler that throws, and logs where without the message or query', async () => {
    const answer = await exchange(port, { path: `/throws?apiSecret=${SECRET}` })
    expect(answer.status).toBe(500)
    expect(answer.body).toBe('docs: internal error; the server logged where\n')
    const line = logged.at(-1) ?? ''
    expect(line).toMatch(/^docs: internal error answering GET \/throws: Error \| at /)
    expect(line).toContain('guarded-handler.test.ts')
    expect(line).not.toContain(SECRET)
  })

  it('answers 500 for a handler whose promise rejects', async () => {
    const answer = await exchange(port, { path: '/rejects' })
    expect(answer.status).toBe(500)
    expect(logged.at(-1)).toMatch(/^docs: internal error answering GET \/rejects: TypeError \| /)
    expect(logged.join('\n')).not.toContain(SECRET)
  })

  it('ends the connection when the answer had begun, and serves the next request', async () => {
    await expect(exchange(port, { path: '/after-headers' })).rejects.toThrow()
    expect(logged.join('\n')).not.toContain(SECRET)
    const answer = await exchange(port, { path: '/' })
    expect(answer).toMatchObject({ status: 200, body: 'fine' })
  })
})
