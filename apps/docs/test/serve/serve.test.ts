import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveDocs } from '../../src/serve-docs.mjs'
import { builtPage } from '../helpers/built-page.ts'

let docs: Awaited<ReturnType<typeof serveDocs>>

beforeAll(async () => {
  docs = await serveDocs({ port: 0 })
})

afterAll(async () => {
  await docs?.close()
})

describe('serveDocs', () => {
  it('serves the built page at / as HTML', async () => {
    const response = await fetch(`${docs.url}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toBe(builtPage())
  })

  it('answers 404 for a file that is not there', async () => {
    const response = await fetch(`${docs.url}/nope.js`)
    expect(response.status).toBe(404)
  })

  it('refuses a busy port with an error naming it', async () => {
    await expect(serveDocs({ port: docs.port })).rejects.toMatchObject({ code: 'EADDRINUSE' })
    await expect(serveDocs({ port: docs.port })).rejects.toThrow(
      `docs: port ${docs.port} on 127.0.0.1 is already in use`,
    )
  })

  it('refuses to start without a build, saying what to run', async () => {
    await expect(serveDocs({ port: 0, root: '/nonexistent' })).rejects.toThrow('pnpm build')
  })

  it('closes its connections when stopped', async () => {
    const other = await serveDocs({ port: 0 })
    await fetch(`${other.url}/`)
    await other.close()
    const refused = await new Promise((resolve) => {
      const socket = net.connect(other.port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(false)
      })
      socket.once('error', () => resolve(true))
    })
    expect(refused).toBe(true)
  })
})
