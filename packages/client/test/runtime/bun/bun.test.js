// The shared smoke suite on Bun (`bun test`), against the built package. run-runtimes.mjs starts
// the Prism mock and passes its URL, and a closed port, in the environment.

import { expect, test } from 'bun:test'
import { credentialsContract } from '@solapi/credentials-spec'
import * as lib from '../../../dist/index.js'
import { smokeCases } from '../smoke-cases.js'

const env = {
  baseUrl: process.env.PRISM_URL,
  closedUrl: process.env.CLOSED_URL,
  browser: false,
  parseAuthorization: credentialsContract.parseAuthorization,
}

test('runs on Bun, with the mock URL given', () => {
  expect(typeof Bun.version).toBe('string')
  expect(env.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
})
for (const smoke of smokeCases(lib, env)) test(smoke.name, () => smoke.run())
