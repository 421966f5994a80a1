// The client against a real sandbox, the same cases in Node and in a Chromium page on another
// origin (cross-origin, through the sandbox's CORS): a key's whole life, a server clock 20
// minutes ahead, and a 503 with Retry-After. Plain JavaScript and no test framework, as
// smoke-cases.js, so both load it. The control API is the test's: the page reaches it through
// a binding to Node (the sandbox grants pages no CORS on it), Node directly.

const TWENTY_MINUTES_MS = 20 * 60 * 1000

function check(condition, message) {
  if (!condition) throw new Error(`sandbox check failed: ${message}`)
}

async function rejectionOf(promise) {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('sandbox check failed: expected a rejection')
}

/**
 * A fetch that records each attempt as the client sends it: when, the date it signed, and what
 * came back (status, errorCode, Date header).
 */
function recordingFetch() {
  const attempts = []
  const send = async (request) => {
    const header = request.headers.get('Authorization') ?? ''
    const attempt = {
      at: Date.now(),
      signedDate: /date=([^,]+)/.exec(header)?.[1],
      salt: /salt=([^,]+)/.exec(header)?.[1],
    }
    attempts.push(attempt)
    const response = await fetch(request)
    attempt.status = response.status
    attempt.date = response.headers.get('Date')
    if (!response.ok) attempt.errorCode = (await response.clone().json()).errorCode
    return response
  }
  return { send, attempts }
}

/**
 * @param {typeof import('../../../dist/index.js')} lib the built package
 * @param {{
 *   baseUrl: string, apiKey: string, apiSecret: string, browser: boolean,
 *   control: (method: string, path: string, body?: unknown) => Promise<unknown>,
 * }} env the sandbox and its bootstrap credential; `control` calls its control API
 */
export function sandboxCases(lib, env) {
  const newClient = (fetch) =>
    lib.createCredentialsClient({
      apiKey: env.apiKey,
      apiSecret: env.apiSecret,
      baseUrl: env.baseUrl,
      dangerouslyAllowBrowser: true,
      ...(fetch ? { fetch } : {}),
    })
  const statuses = (attempts) => attempts.map((attempt) => attempt.status).join(',')

  return [
    {
      name: 'creates, lists, deactivates and deletes a key',
      async run() {
        await env.control('POST', '/_sandbox/reset')
        if (env.browser) {
          check(location.origin !== new URL(env.baseUrl).origin, 'the page is on its own origin')
        }
        const client = newClient()
        const created = await client.createCredential()
        check(/^[A-Z0-9]{16}$/.test(created.apiKey), `created ${created.apiKey}`)
        check(created.apiSecret.length === 32, 'the new secret')
        const fresh = await client.getCredentialInfo(created.apiKey)
        check(fresh.credentialStatus === 'active', `new key ${fresh.credentialStatus}`)
        const listed = await client.getCredentialList()
        check(
          Object.keys(listed.credentials).sort().join() ===
            [env.apiKey, created.apiKey].sort().join(),
          `listed ${Object.keys(listed.credentials)}`,
        )
        const updated = await client.updateCredentialStatus(created.apiKey, 'inactive')
        check(updated.resultCode === 'Success', JSON.stringify(updated))
        const info = await client.getCredentialInfo(created.apiKey)
        check(info.credentialStatus === 'inactive', `status ${info.credentialStatus}`)
        const deleted = await client.deleteCredential(created.apiKey)
        check(deleted.resultCode === 'Success', JSON.stringify(deleted))
        const after = await client.getCredentialList()
        check(!(created.apiKey in after.credentials), 'the deleted key is still listed')
        const gone = await rejectionOf(client.getCredentialInfo(created.apiKey))
        check(gone instanceof lib.NotFoundError && gone.status === 404, String(gone))
      },
    },
    {
      name: 'corrects its clock from the Date header when the sandbox runs 20 minutes ahead',
      async run() {
        await env.control('POST', '/_sandbox/reset')
        await env.control('PUT', '/_sandbox/clock', { offsetMs: TWENTY_MINUTES_MS })
        const { send, attempts } = recordingFetch()
        const client = newClient(send)
        const listed = await client.getCredentialList()
        check(env.apiKey in listed.credentials, 'the list after the correction')
        check(statuses(attempts) === '403,200', `statuses ${statuses(attempts)}`)
        const [skewed, corrected] = attempts
        check(skewed.errorCode === 'RequestTimeTooSkewed', skewed.errorCode)
        // The retry is signed with the sandbox's time, read from the first answer's Date.
        const serverNow = Date.parse(skewed.date)
        check(Math.abs(serverNow - skewed.at - TWENTY_MINUTES_MS) < 60_000, `Date ${skewed.date}`)
        const ahead = Date.parse(corrected.signedDate) - corrected.at
        check(Math.abs(ahead - TWENTY_MINUTES_MS) < 60_000, `signed ${ahead} ms ahead`)
        check(corrected.salt !== skewed.salt, 'the retry reused the salt')
        // The client keeps the offset: the next call is right the first time.
        await client.getCredentialInfo(env.apiKey)
        check(statuses(attempts) === '403,200,200', `statuses ${statuses(attempts)}`)
        await env.control('DELETE', '/_sandbox/clock')
      },
    },
    {
      name: 'retries a 503 after the Retry-After it was sent',
      async run() {
        await env.control('POST', '/_sandbox/reset')
        await env.control('POST', '/_sandbox/faults', {
          operation: 'getCredentialList',
          times: 1,
          status: 503,
          retryAfter: 1,
        })
        const { send, attempts } = recordingFetch()
        const listed = await newClient(send).getCredentialList()
        check(env.apiKey in listed.credentials, 'the list after the retry')
        check(statuses(attempts) === '503,200', `statuses ${statuses(attempts)}`)
        const [unavailable, retried] = attempts
        // Retry-After: 1 replaces the backoff, whose first wait is under 300 ms.
        const waited = retried.at - unavailable.at
        check(waited >= 950, `retried after ${waited} ms, not after Retry-After: 1`)
        check(retried.salt !== unavailable.salt, 'the retry reused the salt')
        // With retries off, the same fault is the caller's: an ApiError with the 503.
        await env.control('POST', '/_sandbox/faults', {
          operation: 'getCredentialList',
          times: 1,
          status: 503,
          retryAfter: 1,
        })
        const noRetry = lib.createCredentialsClient({
          apiKey: env.apiKey,
          apiSecret: env.apiSecret,
          baseUrl: env.baseUrl,
          dangerouslyAllowBrowser: true,
          retry: false,
        })
        const refused = await rejectionOf(noRetry.getCredentialList())
        check(refused instanceof lib.ApiError && refused.status === 503, String(refused))
      },
    },
  ]
}
