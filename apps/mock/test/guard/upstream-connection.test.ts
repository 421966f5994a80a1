// The guard keeps its connections to Prism open between requests. Prism closes one it has held
// idle for its keep-alive timeout, and a request the guard sends on it at that moment is lost:
// the guard must send that request again rather than answer 502 for a Prism that is up.
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startJsonGuard } from '../../src/json-guard.mjs'

const PATH = '/credentials/getCredentialList'

/**
 * An upstream that answers the first request on each connection, keeping it open, and closes
 * the connection when a second request arrives on it: the race, made certain.
 */
async function startClosingUpstream() {
  let connections = 0
  const server = net.createServer((socket) => {
    connections += 1
    let answered = false
    socket.on('data', () => {
      if (answered) {
        socket.destroy()
        return
      }
      answered = true
      socket.write(
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: keep-alive\r\n\r\n{"ok":true}',
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as net.AddressInfo
  return {
    port: address.port,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

describe('a request that meets a connection Prism has just closed', () => {
  let upstream: Awaited<ReturnType<typeof startClosingUpstream>>
  let guard: Awaited<ReturnType<typeof startJsonGuard>>
  beforeAll(async () => {
    upstream = await startClosingUpstream()
    guard = await startJsonGuard({
      port: 0,
      host: '127.0.0.1',
      maxBodyBytes: 16_384,
      operations: [{ path: PATH, method: 'post' }],
    })
    guard.forwardTo(upstream.port)
  })
  afterAll(async () => {
    await guard?.close()
    await upstream?.close()
  })

  const call = () =>
    fetch(`http://127.0.0.1:${guard.port}${PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })

  it('is sent again on a new connection, and its answer comes back', async () => {
    for (let i = 0; i < 3; i += 1) {
      const answer = await call()
      expect(answer.status, `request ${i + 1}`).toBe(200)
      expect(await answer.json()).toEqual({ ok: true })
    }
    // The first connection, then each later request met a closed one and opened its own.
    expect(upstream.connections()).toBeGreaterThanOrEqual(3)
  })
})
