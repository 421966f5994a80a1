// The harness can fail: `prism proxy --errors` in front of a server that answers off-spec
// turns the answer into a 500 with an `sl-violations` header, which is what the proxied suite
// looks for. Without this, a proxy that silently passed everything would keep the suite green.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { signAuthorization } from '@solapi/credentials-client'
import { type RunningServer, startPrism } from '@solapi/devkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

let offSpec: Server
let proxy: RunningServer

beforeAll(async () => {
  // A list whose map key breaks the ApiKey pattern and whose entry is not an object.
  offSpec = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ credentials: { lower: 1 } }))
  })
  await new Promise<void>((resolve) => offSpec.listen(0, '127.0.0.1', resolve))
  const { port } = offSpec.address() as AddressInfo
  proxy = await startPrism({ mode: 'proxy', upstream: `http://127.0.0.1:${port}`, errors: true })
})

afterAll(async () => {
  await proxy?.stop()
  await new Promise((resolve) => offSpec?.close(resolve))
})

describe('prism proxy --errors', () => {
  it('flags a response that breaks the spec with a 500 and sl-violations', async () => {
    const response = await fetch(`${proxy.url}/credentials/getCredentialList`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: signAuthorization({
          apiKey: 'NCSOGH0TB3PDIGV1',
          apiSecret: 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B',
        }),
      },
      body: '{}',
    })
    expect(response.status).toBe(500)
    const violations = JSON.parse(response.headers.get('sl-violations') ?? '[]')
    expect(violations).toContainEqual(
      expect.objectContaining({ location: ['response', 'body', 'credentials', 'lower'] }),
    )
  })
})
