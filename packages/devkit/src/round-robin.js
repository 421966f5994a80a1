// @ts-check
// A round-robin load balancer in this process, for tests of several server instances behind one
// address: each request goes to the next upstream in turn, untouched, and its answer comes back
// untouched. A request whose upstream is gone gets 502, as from a real balancer.
import { once } from 'node:events'
import http from 'node:http'

/**
 * @typedef {object} RoundRobin
 * @property {string} url where it listens, no trailing slash
 * @property {number[]} counts requests sent to each upstream so far, in the order given
 * @property {() => Promise<void>} stop
 */

/**
 * Listens on a free port of 127.0.0.1 and spreads requests over `upstreams` (base URLs).
 * @param {string[]} upstreams
 * @returns {Promise<RoundRobin>}
 */
export async function startRoundRobin(upstreams) {
  if (upstreams.length === 0) throw new Error('devkit: startRoundRobin needs at least one upstream')
  const targets = upstreams.map((upstream) => new URL(upstream))
  const counts = targets.map(() => 0)
  // Kept-alive connections to each upstream, as a balancer keeps them.
  const agent = new http.Agent({ keepAlive: true })
  let next = 0
  const server = http.createServer((request, response) => {
    const index = next
    next = (next + 1) % targets.length
    counts[index] = (counts[index] ?? 0) + 1
    const target = /** @type {URL} */ (targets[index])
    const forward = http.request(
      {
        agent,
        hostname: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: target.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      },
    )
    forward.on('error', () => {
      if (response.headersSent) return response.destroy()
      response.writeHead(502, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ errorCode: 'BadGateway', errorMessage: 'upstream failed' }))
    })
    request.pipe(forward)
  })
  // Its clients share this process: when other work holds the event loop past node:http's 5 s
  // keep-alive, a client may reuse a connection this server is closing and meet a reset the
  // upstreams did nothing to cause. Kept as long as the sandbox keeps loopback connections.
  server.keepAliveTimeout = 65_000
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  return {
    url: `http://127.0.0.1:${address.port}`,
    counts,
    async stop() {
      agent.destroy()
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}
