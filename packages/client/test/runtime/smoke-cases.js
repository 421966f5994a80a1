// The smoke suite every runtime runs (Node via vitest, Bun, Deno, Chromium) against a Prism mock.
// Plain JavaScript and no test framework, so the same file loads everywhere; each runtime's test
// file registers these cases with its own runner. `lib` is the built package (dist/index.js).

const API_KEY = 'NCSOGH0TB3PDIGV1'
const API_SECRET = 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B'

function check(condition, message) {
  if (!condition) throw new Error(`smoke check failed: ${message}`)
}

async function rejectionOf(promise) {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('smoke check failed: expected a rejection')
}

/**
 * @param {typeof import('../../dist/index.js')} lib
 * @param {{ baseUrl: string, closedUrl: string, browser: boolean, parseAuthorization: Function }}
 *   env read when a case runs, so a runner may fill in the mock's URL after registering the cases.
 *   `parseAuthorization` is the contract's (`credentialsContract.parseAuthorization` of
 *   @solapi/credentials-spec, in the page through a binding to Node); it may return a promise.
 */
export function smokeCases(lib, env) {
  const options = () => ({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    baseUrl: env.baseUrl,
    dangerouslyAllowBrowser: true,
  })
  const sentHeaders = []
  const recordingFetch = (request) => {
    sentHeaders.push(request.headers.get('Authorization'))
    return fetch(request)
  }
  let shared
  const client = () => {
    shared ??= lib.createCredentialsClient({ ...options(), fetch: recordingFetch })
    return shared
  }

  return [
    {
      name: 'signAuthorization reproduces the spec worked example with both algorithms',
      run() {
        const input = {
          apiKey: API_KEY,
          apiSecret: API_SECRET,
          date: '2017-08-01T11:01:07Z',
          salt: '597fe0e36daeb',
        }
        const sha = lib.signAuthorization(input)
        const md5 = lib.signAuthorization({ ...input, algorithm: 'HMAC-MD5' })
        check(
          sha.endsWith(
            'signature=557846d65110c3e128441d86a7ee12e20a7f749ef4b8bbed43cf5652d3b9f15e',
          ),
          sha,
        )
        check(md5.endsWith('signature=e249066944afadec9ca90fef5945132e'), md5)
      },
    },
    {
      name: 'every operation resolves to its typed body from the mock, each request signed',
      async run() {
        const keys = await client().createCredential()
        check(
          /^[A-Z0-9]{16}$/.test(keys.apiKey) && keys.apiSecret.length === 32,
          'createCredential',
        )
        const info = await client().getCredentialInfo(API_KEY)
        check(
          info.apiKey === API_KEY && ['active', 'inactive'].includes(info.credentialStatus),
          'getCredentialInfo',
        )
        const rotated = await client().regenerateSecretKey(API_KEY)
        check(rotated.apiSecret.length === 32, 'regenerateSecretKey')
        const list = await client().getCredentialList()
        check(typeof list.credentials[API_KEY] === 'object', 'getCredentialList')
        const updated = await client().updateCredentialStatus(API_KEY, 'inactive')
        check(updated.resultCode === 'Success', 'updateCredentialStatus')
        const deleted = await client().deleteCredential(API_KEY)
        check(deleted.resultCode === 'Success', 'deleteCredential')
        check(sentHeaders.length >= 6, `${sentHeaders.length} requests sent`)
        for (const header of sentHeaders) {
          const parsed = await env.parseAuthorization(header)
          const shown = lib.redactAuthorization(String(header))
          check(parsed.ok, `${shown}: ${parsed.message}`)
          const { apiKey, date, signature, rule } = parsed.value
          check(apiKey === API_KEY && date.endsWith('Z'), shown)
          check(
            /^[0-9a-f]+$/.test(signature) && signature.length === rule.signatureHexLength,
            shown,
          )
        }
        check(new Set(sentHeaders).size === sentHeaders.length, 'a header was reused')
      },
    },
    {
      name: 'the raw openapi-fetch client is signed and typed',
      async run() {
        const { data, error, response } = await client().raw.POST(
          '/credentials/getCredentialList',
          { body: {} },
        )
        check(response.status === 200 && error === undefined, `raw status ${response.status}`)
        check(typeof data.credentials === 'object', 'raw data')
      },
    },
    {
      name: 'a 404 from the mock rejects with NotFoundError',
      async run() {
        const notFound = lib.createCredentialsClient({
          ...options(),
          headers: { Prefer: 'code=404' },
        })
        const error = await rejectionOf(notFound.getCredentialInfo(API_KEY))
        check(
          error instanceof lib.NotFoundError && error instanceof lib.CredentialsError,
          String(error),
        )
        check(
          error.kind === 'not-found' && error.status === 404 && error.code === 'ResourceNotFound',
          error.message,
        )
        check(
          error.message ===
            `getCredentialInfo POST ${env.baseUrl}/credentials/getCredentialInfo 404 ResourceNotFound`,
          error.message,
        )
      },
    },
    {
      name: 'a refused connection rejects with NetworkError',
      async run() {
        const closed = lib.createCredentialsClient({
          ...options(),
          baseUrl: env.closedUrl,
          retry: false,
        })
        const error = await rejectionOf(closed.createCredential())
        check(error instanceof lib.NetworkError && error.kind === 'network', String(error))
        // Browsers hide why a fetch failed, so only other runtimes can prove it never left.
        check(env.browser || error.unsent === true, 'refused connection not classified as unsent')
        check(!String(error).includes(API_SECRET), 'secret in error')
      },
    },
    {
      name: 'the browser guard matches the runtime',
      run() {
        let refused
        try {
          lib.createCredentialsClient({
            apiKey: API_KEY,
            apiSecret: API_SECRET,
            baseUrl: env.baseUrl,
          })
        } catch (error) {
          refused = error
        }
        if (env.browser) {
          check(refused instanceof lib.ValidationError, 'a page must be refused without opt-in')
          check(/dangerouslyAllowBrowser/.test(refused.message), refused.message)
        } else {
          check(refused === undefined, `refused outside a browser: ${refused}`)
        }
      },
    },
  ]
}
