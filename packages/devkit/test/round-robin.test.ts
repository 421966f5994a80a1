import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { type RoundRobin, startRoundRobin } from '../src/index.js'

/** A server that answers with its name, the method, the path, a header and the body it got. */
async function echo(name: string) {
  const server = http.createServer(async (request, response) => {
    let body = ''
    for await (const chunk of request) body += chunk
    response.writeHead(201, { 'content-type': 'application/json', 'x-upstream': name })
    response.end(
      JSON.stringify({
        name,
        method: request.method,
        path: request.url,
        auth: request.headers.authorization,
        body,
      }),
    )
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

const upstreams: Awaited<ReturnType<typeof echo>>[] = []
let balancer: RoundRobin | undefined
afterAll(async () => {
  await balancer?.stop()
  await Promise.all(upstreams.map((u) => u.close()))
})

describe('startRoundRobin', () => {
  it('sends each request to the next upstream in turn, untouched both ways', async () => {
    upstreams.push(await echo('a'), await echo('b'), await echo('c'))
    balancer = await startRoundRobin(upstreams.map((u) => u.url))
    const names: string[] = []
    for (let i = 0; i < 7; i++) {
      const response = await fetch(`${balancer.url}/some/path?q=${i}`, {
        method: 'POST',
        headers: { authorization: `token ${i}` },
        body: `body ${i}`,
      })
      expect(response.status).toBe(201)
      const answer = await response.json()
      expect(answer).toEqual({
        name: response.headers.get('x-upstream'),
        method: 'POST',
        path: `/some/path?q=${i}`,
        auth: `token ${i}`,
        body: `body ${i}`,
      })
      names.push(answer.name)
    }
    expect(names).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a'])
    expect(balancer.counts).toEqual([3, 2, 2])
  })

  it('answers 502 for an upstream that is gone', async () => {
    const gone = await echo('gone')
    await gone.close()
    const lonely = await startRoundRobin([gone.url])
    try {
      const response = await fetch(lonely.url)
      expect(response.status).toBe(502)
      expect(await response.json()).toMatchObject({ errorCode: 'BadGateway' })
    } finally {
      await lonely.stop()
    }
  })
})
