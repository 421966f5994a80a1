import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveDocs } from '../../src/serve-docs.mjs'
import { appDir } from '../helpers/app.ts'
import { builtPage, builtPagePath } from '../helpers/built-page.ts'
import { exchange } from './exchange.ts'

// Files beside the pages (sirv serves them): their headers, and a file deleted while the server
// runs (a rebuild), which must cost that one request and not the process.

let dir: string
let docs: Awaited<ReturnType<typeof serveDocs>>

beforeAll(async () => {
  const outputDir = join(appDir, 'test-output')
  mkdirSync(outputDir, { recursive: true })
  dir = mkdtempSync(join(outputDir, 'assets-'))
  cpSync(builtPagePath, join(dir, 'index.html'))
  writeFileSync(join(dir, 'notes.txt'), '한국어 메모\n')
  writeFileSync(join(dir, 'gone.txt'), 'soon deleted\n')
  docs = await serveDocs({ port: 0, root: dir })
})

afterAll(async () => {
  await docs?.close()
})

describe('files beside the pages', () => {
  it('serves them with the security headers and a policy that runs nothing', async () => {
    const answer = await exchange(docs.port, { path: '/notes.txt' })
    expect(answer.status).toBe(200)
    expect(answer.body).toBe('한국어 메모\n')
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    expect(answer.headers['content-security-policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    )
  })

  it('ends only that request when a file is deleted after startup, and serves on', async () => {
    rmSync(join(dir, 'gone.txt'))
    // sirv has sent its headers by the time the file fails to open: the connection is cut.
    await expect(exchange(docs.port, { path: '/gone.txt' })).rejects.toThrow()
    const page = await exchange(docs.port, { path: '/' })
    expect(page.status).toBe(200)
    expect(page.body).toBe(builtPage())
  })
})
