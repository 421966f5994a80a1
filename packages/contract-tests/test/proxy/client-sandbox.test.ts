// Client × sandbox through `prism proxy --errors`: the whole credential lifecycle and every
// documented error, so that any request or response that breaks the spec fails. Prism answers
// a violation with a 500 and an `sl-violations` header; every response that comes back through
// the proxy is checked for both. Errors that Prism itself answers before forwarding (a missing
// header, a body that breaks the schema, a wrong content type) are sent to the sandbox directly
// and held to the spec by the suite's own conformance check.
import {
  ApiError,
  AuthError,
  type CredentialsClient,
  createCredentialsClient,
  NotFoundError,
  signAuthorization,
} from '@solapi/credentials-client'
import {
  assertConforms,
  type Exchange,
  exchange,
  jsonBody,
} from '@solapi/credentials-conformance/http'
import { credentialsContract } from '@solapi/credentials-spec'
import { afterEach, describe, expect, inject, it } from 'vitest'

const { limits } = credentialsContract
const target = inject('proxied')

/** Every response seen through the proxy that Prism flagged as breaking the spec. */
const violations: string[] = []

function flagViolations(response: Response, what: string): Response {
  const flagged = response.headers.get('sl-violations')
  if (flagged || response.status >= 500) {
    violations.push(`${what} → ${response.status} ${flagged ?? '(no sl-violations header)'}`)
  }
  return response
}

afterEach(() => {
  expect(violations.splice(0)).toEqual([])
})

function clientFor(apiKey: string, apiSecret: string): CredentialsClient {
  return createCredentialsClient({
    apiKey,
    apiSecret,
    baseUrl: target.baseUrl,
    retry: false, // one request per call: every response is checked as it comes
    fetch: async (request) =>
      flagViolations(await fetch(request), `${request.method} ${new URL(request.url).pathname}`),
  })
}

const admin = clientFor(target.apiKey, target.apiSecret)

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  )
  if (!('error' in outcome)) throw new Error(`Expected a rejection, got ${JSON.stringify(outcome)}`)
  expect(outcome.error).toBeInstanceOf(ApiError)
  return outcome.error as ApiError
}

/** A raw, signed-or-not POST through the proxy or straight to the sandbox. */
async function post(
  baseUrl: string,
  operationId: string,
  body: Uint8Array,
  headers: Record<string, string>,
): Promise<Exchange> {
  const op = credentialsContract.operation(operationId)
  const sent = await exchange({
    method: 'POST',
    url: `${baseUrl}${op.path}`,
    headers,
    body,
  })
  if (baseUrl === target.baseUrl) {
    flagViolations(new Response(null, sent.response), `${operationId} (raw)`)
  }
  assertConforms(credentialsContract, op, sent)
  return sent
}

const signedHeaders = (date = new Date().toISOString()) => ({
  'content-type': 'application/json',
  authorization: signAuthorization({
    apiKey: target.apiKey,
    apiSecret: target.apiSecret,
    date,
    salt: crypto.randomUUID().replaceAll('-', ''),
  }),
})

describe('the credential lifecycle through the validating proxy', () => {
  it('creates, reads, lists, rotates, disables, re-enables and deletes a credential', async () => {
    const created = await admin.createCredential()
    expect(created.apiKey).toMatch(limits.apiKey.pattern)
    expect(created.apiSecret).toMatch(limits.apiSecret.pattern)

    const info = await admin.getCredentialInfo(created.apiKey)
    expect(info).toMatchObject({ ...created, credentialStatus: 'active' })
    expect(Number.isNaN(Date.parse(info.dateCreated))).toBe(false)

    const list = await admin.getCredentialList()
    expect(Object.keys(list.credentials)).toEqual(
      expect.arrayContaining([target.apiKey, created.apiKey]),
    )
    expect(list.credentials[created.apiKey]).toEqual({
      apiSecret: created.apiSecret,
      credentialStatus: 'active',
      dateCreated: info.dateCreated,
    })

    // The new credential signs requests of its own.
    const own = clientFor(created.apiKey, created.apiSecret)
    await expect(own.getCredentialInfo(created.apiKey)).resolves.toMatchObject(created)

    // Rotation: the old secret stops working at once, the new one works.
    const rotated = await admin.regenerateSecretKey(created.apiKey)
    expect(rotated.apiKey).toBe(created.apiKey)
    expect(rotated.apiSecret).not.toBe(created.apiSecret)
    const stale = await rejection(own.getCredentialList())
    expect(stale).toBeInstanceOf(AuthError)
    expect([stale.status, stale.code]).toEqual([403, 'SignatureDoesNotMatch'])
    const renewed = clientFor(rotated.apiKey, rotated.apiSecret)
    await expect(renewed.getCredentialList()).resolves.toHaveProperty('credentials')

    // Deactivation: the key is refused until it is activated again.
    await expect(admin.updateCredentialStatus(created.apiKey, 'inactive')).resolves.toEqual({
      apiKey: created.apiKey,
      resultCode: 'Success',
    })
    const disabled = await rejection(renewed.getCredentialList())
    expect([disabled.status, disabled.code]).toEqual([403, 'InvalidAPIKey'])
    await admin.updateCredentialStatus(created.apiKey, 'active')
    await expect(renewed.getCredentialList()).resolves.toHaveProperty('credentials')

    // Deletion: every lookup of the key is now a 404 ResourceNotFound.
    await expect(admin.deleteCredential(created.apiKey)).resolves.toEqual({
      apiKey: created.apiKey,
      resultCode: 'Success',
    })
    for (const lookup of [
      () => admin.getCredentialInfo(created.apiKey),
      () => admin.regenerateSecretKey(created.apiKey),
      () => admin.updateCredentialStatus(created.apiKey, 'inactive'),
      () => admin.deleteCredential(created.apiKey),
    ]) {
      const gone = await rejection(lookup())
      expect(gone).toBeInstanceOf(NotFoundError)
      expect([gone.status, gone.code]).toEqual([404, 'ResourceNotFound'])
    }
    const deletedKey = await rejection(renewed.getCredentialList())
    expect([deletedKey.status, deletedKey.code]).toEqual([403, 'InvalidAPIKey'])
  })
})

describe('documented errors through the validating proxy', () => {
  it('refuses to deactivate or delete the last active credential with 409', async () => {
    for (const attempt of [
      () => admin.updateCredentialStatus(target.apiKey, 'inactive'),
      () => admin.deleteCredential(target.apiKey),
    ]) {
      const refused = await rejection(attempt())
      expect([refused.status, refused.code]).toEqual([409, 'LastActiveCredential'])
    }
    await expect(admin.getCredentialInfo(target.apiKey)).resolves.toMatchObject({
      credentialStatus: 'active',
    })
  })

  it('answers an unknown API key with 403 InvalidAPIKey', async () => {
    const stranger = clientFor('ZZZZZZZZZZZZZZZZ', target.apiSecret)
    const refused = await rejection(stranger.getCredentialList())
    expect([refused.status, refused.code]).toEqual([403, 'InvalidAPIKey'])
  })

  it('answers a wrong secret with 403 SignatureDoesNotMatch', async () => {
    const impostor = clientFor(target.apiKey, 'A'.repeat(32))
    const refused = await rejection(impostor.getCredentialList())
    expect([refused.status, refused.code]).toEqual([403, 'SignatureDoesNotMatch'])
  })

  it('answers a date a minute older than the allowed skew with 403 RequestTimeTooSkewed', async () => {
    const skewMs = (credentialsContract.signing.maxClockSkewSeconds + 60) * 1000
    const old = new Date(Date.now() - skewMs).toISOString()
    const sent = await post(target.baseUrl, 'getCredentialList', jsonBody({}), signedHeaders(old))
    expect(sent.response.status).toBe(403)
    expect(JSON.parse(sent.response.text).errorCode).toBe('RequestTimeTooSkewed')
  })

  it('answers a replayed signature with 403 DuplicatedSignature', async () => {
    const headers = signedHeaders()
    const first = await post(target.baseUrl, 'getCredentialList', jsonBody({}), headers)
    expect(first.response.status).toBe(200)
    const replay = await post(target.baseUrl, 'getCredentialList', jsonBody({}), headers)
    expect(replay.response.status).toBe(403)
    expect(JSON.parse(replay.response.text).errorCode).toBe('DuplicatedSignature')
  })

  it("answers the original reference's sample header with 401 MalformedAuthorization", async () => {
    const sent = await post(target.baseUrl, 'getCredentialList', jsonBody({}), {
      'content-type': 'application/json',
      authorization:
        'USER user_id=example, date=2017-08-01 11:01:07, salt=salt=597fe0e36daeb, signature=fd96c1931e947aef14c963b67763c913',
    })
    expect(sent.response.status).toBe(401)
    expect(JSON.parse(sent.response.text).errorCode).toBe('MalformedAuthorization')
  })
})

describe('documented errors that Prism answers itself, held to the spec at the sandbox', () => {
  it('answers a missing Authorization header with 401 MissingAuthorization', async () => {
    const sent = await post(target.sandboxUrl, 'getCredentialList', jsonBody({}), {
      'content-type': 'application/json',
    })
    expect(sent.response.status).toBe(401)
    expect(JSON.parse(sent.response.text).errorCode).toBe('MissingAuthorization')
  })

  it('answers a body that breaks the schema with 400 naming the field and the rule', async () => {
    const sent = await post(
      target.sandboxUrl,
      'updateCredentialStatus',
      jsonBody({ apiKey: target.apiKey, credentialStatus: 'on' }),
      signedHeaders(),
    )
    expect(sent.response.status).toBe(400)
    expect(JSON.parse(sent.response.text).errors).toContainEqual(
      expect.objectContaining({ field: '/credentialStatus', rule: 'enum' }),
    )
  })

  it("answers a body over the spec's limit with 413 PayloadTooLarge", async () => {
    const padding = 'x'.repeat(limits.maxRequestBodyBytes + 1024)
    const huge = jsonBody({ apiKey: target.apiKey, padding })
    const sent = await post(target.sandboxUrl, 'getCredentialInfo', huge, signedHeaders())
    expect(sent.response.status).toBe(413)
    expect(JSON.parse(sent.response.text).errorCode).toBe('PayloadTooLarge')
  })

  it('answers a body that is not application/json with 415 UnsupportedMediaType', async () => {
    const sent = await post(target.sandboxUrl, 'getCredentialList', jsonBody({}), {
      ...signedHeaders(),
      'content-type': 'text/plain',
    })
    expect(sent.response.status).toBe(415)
    expect(JSON.parse(sent.response.text).errorCode).toBe('UnsupportedMediaType')
  })
})
