// The shared smoke suite on Deno (`deno test -A`), against the built package (Deno resolves
// openapi-fetch, @noble/hashes and @solapi/credentials-spec from the package's node_modules).
// run-runtimes.mjs starts the Prism mock and passes its URL, and a closed port, in the
// environment.
import { credentialsContract } from '@solapi/credentials-spec'
import * as lib from '../../../dist/index.js'
import { smokeCases } from '../smoke-cases.js'

const env = {
  baseUrl: Deno.env.get('PRISM_URL'),
  closedUrl: Deno.env.get('CLOSED_URL'),
  browser: false,
  parseAuthorization: credentialsContract.parseAuthorization,
}

Deno.test('runs on Deno, with the mock URL given', () => {
  if (typeof Deno.version.deno !== 'string') throw new Error('not Deno')
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(env.baseUrl ?? '')) throw new Error('PRISM_URL missing')
})
for (const smoke of smokeCases(lib, env)) Deno.test(smoke.name, () => smoke.run())
