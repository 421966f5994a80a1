import { afterAll, beforeAll, describe, it } from 'vitest'
import * as lib from '../../../dist/index.js'
import { freePort, startPrism } from '../prism.mjs'
import { smokeCases } from '../smoke-cases.js'

// The shared smoke suite on Node, against the built package and a real Prism mock.
let prism: { url: string; stop: () => Promise<void> } | undefined
const env = { baseUrl: '', closedUrl: '', browser: false }

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
