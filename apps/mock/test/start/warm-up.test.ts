// Prism builds its validators on the first request it gets; the mock takes that request itself
// before it says it is ready, so that a caller's first request is answered as promptly as any.
import { stripVTControlCharacters } from 'node:util'
import { freePort } from '@solapi/devkit'
import { afterEach, describe, expect, it } from 'vitest'
import { type RunningMock, startMock } from '../../src/start-mock.mjs'

let mock: RunningMock | undefined
afterEach(() => mock?.stop())

describe('startMock', () => {
  it("has Prism answer a request of the mock's own before it resolves", async () => {
    const lines: string[] = []
    mock = await startMock({ port: await freePort(), log: (line) => lines.push(line) })
    const atReady = lines.map(stripVTControlCharacters)
    const listening = atReady.findIndex((line) => line.includes('Prism is listening'))
    const warming = atReady.findIndex((line) => line.startsWith('Warming up Prism'))
    expect(listening).toBeGreaterThanOrEqual(0)
    expect(warming).toBeGreaterThan(listening)
    expect(atReady[warming]).toBe(
      'Warming up Prism: one request of its own, POST /credentials/createCredential',
    )
    // Prism's own account of that request is there before the mock resolved.
    expect(atReady.slice(warming).some((line) => line.includes('Request received'))).toBe(true)
  })
})
