import { freePort } from '@solapi/devkit'
import { inject } from 'vitest'
import { type RunningMock, startMock } from '../../src/start-mock.mjs'

/** A header Prism accepts (it checks presence only): the spec's worked example. */
export const AUTHORIZATION =
  'HMAC-SHA256 apiKey=NCSOGH0TB3PDIGV1, date=2017-08-01T11:01:07Z, salt=597fe0e36daeb, signature=557846d65110c3e128441d86a7ee12e20a7f749ef4b8bbed43cf5652d3b9f15e'

/** A real Prism on the package's bundled spec, on a free port, quiet. */
export async function startTestMock(): Promise<RunningMock> {
  return startMock({ port: await freePort(), log: null })
}

/** The run's shared mock (test/setup/shared-mock.ts starts it). */
export const sharedMock = (): { url: string } => ({ url: inject('sharedMockUrl') })

export interface CallOptions {
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
  authorization?: string | null
}

export async function call(baseUrl: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers }
  const authorization = options.authorization === undefined ? AUTHORIZATION : options.authorization
  if (authorization !== null) headers.authorization = authorization
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers,
    body: options.rawBody ?? JSON.stringify(options.body ?? {}),
    // A mock that never answers must fail the test, not hang it.
    signal: AbortSignal.timeout(10_000),
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  }
}
