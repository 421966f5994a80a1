import { credentialsContract } from '@solapi/credentials-spec'
import { freePort, startPrism } from '@solapi/devkit'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { smokeCases } from '../smoke-cases.js'

// The shared smoke suite on Node, against the built package and a real Prism mock. The built
// entry is imported by a computed URL so that `typecheck` (which runs before `build`) does not
// need dist/; its type is the source's.
const lib: typeof import('../../../src/index.js') = await import(
  new URL('../../../dist/index.js', import.meta.url).href
)
let prism: { url: string; stop: () => Promise<void> } | undefined
const env = {
  baseUrl: '',
  closedUrl: '',
  browser: false,
  parseAuthorization: credentialsContract.parseAuthorization,
}

beforeAll(async () => {
  const started = await startPrism()
  prism = started
  env.baseUrl = started.url
  env.closedUrl = `http://127.0.0.1:${await freePort()}`
})
afterAll(() => prism?.stop())

describe('Node smoke suite (Prism mock)', () => {
  for (const smoke of smokeCases(lib, env)) it(smoke.name, () => smoke.run())
})
