// The suite itself under test: a server written to break each criterion in one way (a 5xx, a
// hang, an echoed secret, a refusal outside the error shape, an accepted body that must be
// refused, a process that dies, a good request that stops working) must fail the matching
// shape, and a server that behaves must pass it.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  allShapes,
  runShape,
  type ServerProfile,
  type Shape,
  specErrorShape,
} from '../src/index.ts'

const SECRET = 'S3CRETS3CRETS3CRETS3CRET'
let server: http.Server
let baseUrl = ''
let exited = false
let probeBroken = false

const shape = (id: string): Shape => {
  const found = allShapes.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`no shape ${id}`)
  // Short bounds keep this file fast; the criteria are the same.
  return { ...found, boundMs: 1000 }
}

const jsonError = (
  response: http.ServerResponse,
  status: number,
  errorCode: string,
  errorMessage: string,
) => {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify({ errorCode, errorMessage }))
}

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const url = request.url ?? ''
      if (url === '/probe') {
        if (probeBroken) return jsonError(response, 503, 'ServiceUnavailable', 'broken on purpose')
        response.writeHead(200, { 'content-type': 'application/json' })
        return response.end('{"ok":true}')
      }
      if (url.includes('%zz')) return jsonError(response, 500, 'InternalError', 'a 5xx on purpose')
      if (body.includes('한')) return // never answers
      if (url.includes('//@')) {
        response.writeHead(400, { 'content-type': 'text/plain' })
        return response.end('not the error shape')
      }
      if (url.includes('a:99999')) {
        return jsonError(
          response,
          400,
          'InvalidTarget',
          `bad target; you sent ${request.headers.authorization}`,
        )
      }
      if (body === '1') {
        response.writeHead(200, { 'content-type': 'application/json' })
        return response.end('{}')
      }
      if (body === 'null') {
        exited = true
        return jsonError(response, 400, 'InvalidJSON', 'the body must be an object')
      }
      if (body === '[]') {
        probeBroken = true
        return jsonError(response, 400, 'InvalidJSON', 'the body must be an object')
      }
      if (url.includes('//['))
        return jsonError(response, 400, 'InvalidTarget', 'The request target //[/x is not a path.')
      jsonError(response, 400, 'ValidationError', 'refused')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const profile = (): ServerProfile => ({
  name: 'the fake server',
  baseUrl,
  route: { method: 'POST', path: '/route', goodBody: '{}' },
  auth: () => ({
    headers: [['Authorization', `Bearer ${SECRET}`]],
    secrets: [{ label: 'token sent', value: SECRET }],
  }),
  probe: {
    method: 'GET',
    path: '/probe',
    check: (response) => (response.status === 200 ? undefined : `${response.status}`),
  },
  refusal: specErrorShape,
  secrets: [],
  exited: () => (exited ? ['the fake server'] : []),
})

describe('the suite fails a server that breaks a criterion', () => {
  it('passes a refusal in the error shape, with the good request still working', async () => {
    expect((await runShape(shape('target.double-slash-bracket'), profile())).problems).toEqual([])
  })

  it("takes Node's bare 400 unless the server answers those in its own shape", async () => {
    const http11WithoutHost = shape('framing.http11-without-host')
    expect((await runShape(http11WithoutHost, profile())).problems).toEqual([])
    const { problems } = await runShape(http11WithoutHost, { ...profile(), bareNodeAnswers: false })
    expect(problems).toEqual([expect.stringMatching(/^refused with a 400 that is not JSON/)])
  })

  it('fails a 5xx', async () => {
    const { problems } = await runShape(shape('target.bad-percent'), profile())
    expect(problems).toEqual(['answered 500 InternalError'])
  })

  it('fails a hang past the bound', async () => {
    const { problems } = await runShape(shape('encoding.korean-string'), profile())
    expect(problems).toEqual([
      expect.stringMatching(/^hang: no answer and no close within 1000 ms/),
    ])
  })

  it('fails a refusal outside the error shape', async () => {
    const { problems } = await runShape(shape('target.double-slash-at'), profile())
    expect(problems).toEqual([expect.stringMatching(/^refused with a 400 that is not JSON/)])
  })

  it('fails an echoed secret, naming it without printing it', async () => {
    const { problems } = await runShape(shape('target.double-slash-bad-port'), profile())
    expect(problems).toEqual(['echoed a secret: the token sent'])
    expect(problems.join('')).not.toContain(SECRET)
  })

  it('fails accepting what must be refused', async () => {
    const { problems } = await runShape(shape('json.number'), profile())
    expect(problems).toEqual(['accepted (200) what must be refused'])
  })

  it('fails a server that stops answering the good request', async () => {
    const { problems } = await runShape(shape('json.array'), profile())
    expect(problems).toEqual([expect.stringMatching(/^after it, the good request got 503/)])
  })

  it('fails a server whose process exited', async () => {
    const { problems, healthy } = await runShape(shape('json.null'), profile())
    expect(problems).toEqual(['the fake server exited (crashed)'])
    expect(healthy).toBe(false)
  })
})
