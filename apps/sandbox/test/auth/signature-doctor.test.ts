// The signature doctor against the real sandbox over HTTP: each signing mistake made on purpose
// is named (errorMessage, the spec's `hint`, the journal's `diagnosis`), nothing else is, and
// no answer, journal entry or log line holds a secret or any part of the expected signature.
import { createHmac, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/start-sandbox.js'
import { ownStore } from '../support/backend.js'
import { controlResponseErrors } from '../support/control-spec.js'
import { type Algorithm, type Credential, freshSalt, handHeader, post } from '../support/signing.js'
import { responseSchemaErrors } from '../support/spec-responses.js'

const LIST = '/credentials/getCredentialList'
const CREATE = '/credentials/createCredential'
const REGENERATE = '/credentials/regenerateSecretKey'
const NODE_HASH = { 'HMAC-SHA256': 'sha256', 'HMAC-MD5': 'md5' } as const

let sandbox: RunningSandbox
const logLines: string[] = []

beforeAll(async () => {
  sandbox = await startSandbox({
    ...(await ownStore()),
    logLevel: 'info',
    log: (line) => logLines.push(line),
  })
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.control.resetSandbox())

const bootstrap = (): Credential => ({ apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret })

function hmac(algorithm: Algorithm, key: string, data: string): Buffer {
  return createHmac(NODE_HASH[algorithm], key).update(data).digest()
}

/** The signature the sandbox expects for this header, which nothing it writes may repeat. */
function expectedSignature(
  credential: Credential,
  date: string,
  salt: string,
  algorithm: Algorithm,
) {
  return hmac(algorithm, credential.apiSecret, date + salt).toString('hex')
}

interface Refusal {
  body: Record<string, unknown>
  diagnosis: unknown
  /** Everything the sandbox wrote about the request: the answer, its journal entry, log lines. */
  written: string
}

/**
 * Sends `header` to getCredentialList: it must be refused as SignatureDoesNotMatch, in the
 * spec's shapes (the answer and the control API's journal).
 */
async function refused(header: string): Promise<Refusal> {
  const logged = logLines.length
  const response = await post(sandbox.url, LIST, {}, { authorization: header })
  expect(response.status).toBe(403)
  expect(response.body.errorCode).toBe('SignatureDoesNotMatch')
  expect(responseSchemaErrors(LIST, 403, response.body)).toEqual([])
  const requests = await sandbox.control.listRequests({ limit: 1 })
  expect(controlResponseErrors('listRequests', 200, { requests })).toEqual([])
  const [entry] = requests
  expect(entry?.status).toBe(403)
  expect(entry?.errorCode).toBe('SignatureDoesNotMatch')
  return {
    body: response.body,
    diagnosis: entry?.diagnosis,
    written: [JSON.stringify(response.body), JSON.stringify(entry), ...logLines.slice(logged)].join(
      '\n',
    ),
  }
}

/** The answer and the journal name `hint`, with the same sentence, which says `mentions`. */
function expectDiagnosis(refusal: Refusal, hint: string, mentions: (string | RegExp)[]) {
  expect(refusal.body.hint).toBe(hint)
  const message = refusal.body.errorMessage as string
  expect(refusal.diagnosis).toEqual({ hint, message })
  for (const mention of mentions) expect(message).toMatch(mention)
}

/** Every 8 characters in a row of `text`: what a leak of part of it would show. */
function partsOf(text: string): string[] {
  return Array.from({ length: text.length - 7 }, (_, i) => text.slice(i, i + 8))
}

/** No part of a secret or of an expected signature (hex in either case, base64) was written. */
function expectNothingSecret(written: string, secrets: string[], signatures: string[]) {
  for (const secret of secrets) {
    for (const part of partsOf(secret)) expect(written, 'part of a secret').not.toContain(part)
  }
  for (const signature of signatures) {
    for (const part of partsOf(signature)) {
      expect(written.toLowerCase(), 'part of an expected signature').not.toContain(part)
    }
    for (const part of partsOf(Buffer.from(signature, 'hex').toString('base64'))) {
      expect(written, 'part of an expected signature').not.toContain(part)
    }
  }
}

/** A header for `credential` whose signature is `sign(date, salt)`. */
function headerSignedAs(
  credential: Credential,
  sign: (date: string, salt: string) => string,
  options: { date?: string; algorithm?: Algorithm } = {},
) {
  const date = options.date ?? new Date().toISOString()
  const salt = freshSalt()
  const algorithm = options.algorithm ?? 'HMAC-SHA256'
  return {
    header: handHeader(credential, { date, salt, algorithm, signature: sign(date, salt) }),
    expected: expectedSignature(credential, date, salt, algorithm),
  }
}

/** A second key of the bootstrap account, made through the API. */
async function secondKey(): Promise<Credential> {
  const created = await post(
    sandbox.url,
    CREATE,
    {},
    {
      authorization: handHeader(bootstrap(), { date: new Date().toISOString(), salt: freshSalt() }),
    },
  )
  expect(created.status).toBe(200)
  return created.body as unknown as Credential
}

describe('the signature doctor names each signing mistake', () => {
  it('salt + date signed instead of date + salt: salt-before-date', async () => {
    const me = bootstrap()
    const { header, expected } = headerSignedAs(me, (date, salt) =>
      hmac('HMAC-SHA256', me.apiSecret, salt + date).toString('hex'),
    )
    const refusal = await refused(header)
    expectDiagnosis(refusal, 'salt-before-date', [/salt \+ date/, /sign the date first/])
    expectNothingSecret(refusal.written, [me.apiSecret], [expected])
  })

  it.each([
    ['HMAC-SHA256', 'HMAC-MD5'],
    ['HMAC-MD5', 'HMAC-SHA256'],
  ] as const)('the header names %s, the signature is %s: other-algorithm', async (named, used) => {
    const me = bootstrap()
    const { header, expected } = headerSignedAs(
      me,
      (date, salt) => hmac(used, me.apiSecret, date + salt).toString('hex'),
      { algorithm: named },
    )
    const refusal = await refused(header)
    expectDiagnosis(refusal, 'other-algorithm', [
      `The signature is ${used}, but the header names ${named}`,
    ])
    expectNothingSecret(refusal.written, [me.apiSecret], [expected])
  })

  it('the right signature in upper-case hex: uppercase-hex', async () => {
    const me = bootstrap()
    const { header, expected } = headerSignedAs(me, (date, salt) =>
      hmac('HMAC-SHA256', me.apiSecret, date + salt)
        .toString('hex')
        .toUpperCase(),
    )
    const refusal = await refused(header)
    expectDiagnosis(refusal, 'uppercase-hex', [/upper-case hex/, /64 lower-case hex digits/])
    expectNothingSecret(refusal.written, [me.apiSecret], [expected])
  })

  it.each(['base64', 'base64url'] as const)(
    'the right signature in %s: base64-signature',
    async (encoding) => {
      const me = bootstrap()
      const { header, expected } = headerSignedAs(me, (date, salt) =>
        hmac('HMAC-SHA256', me.apiSecret, date + salt).toString(encoding),
      )
      const refusal = await refused(header)
      expectDiagnosis(refusal, 'base64-signature', [/in base64/, /lower-case hex/])
      expectNothingSecret(refusal.written, [me.apiSecret], [expected])
    },
  )

  it.each([
    ['a trailing line feed', (s: string) => `${s}\n`],
    ['a trailing CR LF', (s: string) => `${s}\r\n`],
    ['a trailing space', (s: string) => `${s} `],
    ['a leading space', (s: string) => ` ${s}`],
  ])('the secret with %s: secret-whitespace', async (name, wrap) => {
    const me = bootstrap()
    const { header, expected } = headerSignedAs(me, (date, salt) =>
      hmac('HMAC-SHA256', wrap(me.apiSecret), date + salt).toString('hex'),
    )
    const refusal = await refused(header)
    expectDiagnosis(refusal, 'secret-whitespace', [name, /trim the secret/])
    expectNothingSecret(refusal.written, [me.apiSecret], [expected])
  })

  it('the apiKey as the HMAC key: apikey-as-secret', async () => {
    const me = bootstrap()
    const { header, expected } = headerSignedAs(me, (date, salt) =>
      hmac('HMAC-SHA256', me.apiKey, date + salt).toString('hex'),
    )
    const refusal = await refused(header)
    expectDiagnosis(refusal, 'apikey-as-secret', [/the apiKey as the HMAC key/])
    expectNothingSecret(refusal.written, [me.apiSecret], [expected])
  })

  const instant = () => Math.floor(Date.now() / 1000) * 1000 + 123
  it.each([
    [
      'ISO 8601 without milliseconds',
      (ms: number) => new Date(ms).toISOString(),
      (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ],
    [
      'ISO 8601 with milliseconds',
      (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString(),
    ],
    ['epoch milliseconds', (ms: number) => new Date(ms).toISOString(), (ms: number) => String(ms)],
    [
      'epoch seconds',
      (ms: number) => new Date(ms).toISOString(),
      (ms: number) => String(Math.floor(ms / 1000)),
    ],
    [
      'an HTTP date',
      (ms: number) => new Date(ms).toISOString(),
      (ms: number) => new Date(ms).toUTCString(),
    ],
  ])('the date signed as %s, not as sent: date-format', async (name, sent, signed) => {
    const me = bootstrap()
    const ms = instant()
    const date = sent(ms)
    const { header, expected } = headerSignedAs(
      me,
      (_, salt) => hmac('HMAC-SHA256', me.apiSecret, signed(ms) + salt).toString('hex'),
      { date },
    )
    const refusal = await refused(header)
    expectDiagnosis(refusal, 'date-format', [name, `(${signed(ms)})`, `date=${date}`])
    expectNothingSecret(refusal.written, [me.apiSecret], [expected])
  })

  it('the secret the key had before regenerateSecretKey: previous-secret, saying when', async () => {
    const frozenAt = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString()
    await sandbox.control.setClock({ frozenAt })
    const account = await sandbox.control.createAccount()
    const old = { apiKey: account.apiKey, apiSecret: account.apiSecret }
    const regenerated = await post(
      sandbox.url,
      REGENERATE,
      { apiKey: old.apiKey },
      {
        authorization: handHeader(old, { date: frozenAt, salt: freshSalt() }),
      },
    )
    expect(regenerated.status).toBe(200)
    const current = regenerated.body as unknown as Credential
    expect(current.apiSecret).not.toBe(old.apiSecret)

    const { header, expected } = headerSignedAs(
      current,
      (date, salt) => hmac('HMAC-SHA256', old.apiSecret, date + salt).toString('hex'),
      { date: frozenAt },
    )
    const refusal = await refused(header)
    expectDiagnosis(refusal, 'previous-secret', [
      `regenerateSecretKey replaced it at ${frozenAt}`,
      old.apiKey,
    ])
    expectNothingSecret(refusal.written, [old.apiSecret, current.apiSecret], [expected])
  })

  it('another key of the account: other-key-secret, naming that key and never its secret', async () => {
    const me = bootstrap()
    const other = await secondKey()
    const { header, expected } = headerSignedAs(me, (date, salt) =>
      hmac('HMAC-SHA256', other.apiSecret, date + salt).toString('hex'),
    )
    const refusal = await refused(header)
    expectDiagnosis(refusal, 'other-key-secret', [`apiSecret of ${other.apiKey}`])
    expectNothingSecret(refusal.written, [me.apiSecret, other.apiSecret], [expected])
  })
})

describe('what the signature doctor does not name', () => {
  it('a random signature of the right shape: no hint, the plain message', async () => {
    const me = bootstrap()
    const { header, expected } = headerSignedAs(me, () => randomBytes(32).toString('hex'))
    const refusal = await refused(header)
    expect(refusal.body).not.toHaveProperty('hint')
    expect(refusal.diagnosis).toBeUndefined()
    expect(refusal.body.errorMessage).toMatch(
      /does not match HMAC-SHA256\(apiSecret, date \+ salt\)/,
    )
    expectNothingSecret(refusal.written, [me.apiSecret], [expected])
  })

  it("a right signature with another account's secret: no hint, and that account's keys never named", async () => {
    const me = bootstrap()
    const stranger = await sandbox.control.createAccount()
    const { header, expected } = headerSignedAs(me, (date, salt) =>
      hmac('HMAC-SHA256', stranger.apiSecret, date + salt).toString('hex'),
    )
    const refusal = await refused(header)
    expect(refusal.body).not.toHaveProperty('hint')
    expect(refusal.diagnosis).toBeUndefined()
    expect(refusal.written).not.toContain(stranger.apiKey)
    expectNothingSecret(refusal.written, [me.apiSecret, stranger.apiSecret], [expected])
  })

  it('a right signature for an unknown key: InvalidAPIKey, no diagnosis', async () => {
    const unknown = { apiKey: 'NCSUNKNOWNKEY001', apiSecret: sandbox.apiSecret }
    const response = await post(
      sandbox.url,
      LIST,
      {},
      {
        authorization: handHeader(unknown, { date: new Date().toISOString(), salt: freshSalt() }),
      },
    )
    expect(response.status).toBe(403)
    expect(response.body.errorCode).toBe('InvalidAPIKey')
    expect(response.body).not.toHaveProperty('hint')
    const [entry] = await sandbox.control.listRequests({ limit: 1 })
    expect(entry?.errorCode).toBe('InvalidAPIKey')
    expect(entry).not.toHaveProperty('diagnosis')
  })

  it('a right signature: answered, no diagnosis in the journal', async () => {
    const me = bootstrap()
    const response = await post(
      sandbox.url,
      LIST,
      {},
      {
        authorization: handHeader(me, { date: new Date().toISOString(), salt: freshSalt() }),
      },
    )
    expect(response.status).toBe(200)
    const [entry] = await sandbox.control.listRequests({ limit: 1 })
    expect(entry?.status).toBe(200)
    expect(entry).not.toHaveProperty('diagnosis')
  })

  it('the previous secret once a day has passed on the sandbox clock: no hint', async () => {
    const start = Math.floor(Date.now() / 1000) * 1000
    await sandbox.control.setClock({ frozenAt: new Date(start).toISOString() })
    const account = await sandbox.control.createAccount()
    const old = { apiKey: account.apiKey, apiSecret: account.apiSecret }
    const regenerated = await post(
      sandbox.url,
      REGENERATE,
      { apiKey: old.apiKey },
      {
        authorization: handHeader(old, { date: new Date(start).toISOString(), salt: freshSalt() }),
      },
    )
    expect(regenerated.status).toBe(200)
    const current = regenerated.body as unknown as Credential
    const signWithOld = (date: string) =>
      headerSignedAs(
        current,
        (d, salt) => hmac('HMAC-SHA256', old.apiSecret, d + salt).toString('hex'),
        { date },
      ).header

    const withinADay = new Date(start + 23 * 3600_000).toISOString()
    await sandbox.control.setClock({ frozenAt: withinADay })
    expect((await refused(signWithOld(withinADay))).body.hint).toBe('previous-secret')

    const pastADay = new Date(start + 24 * 3600_000 + 1000).toISOString()
    await sandbox.control.setClock({ frozenAt: pastADay })
    const refusal = await refused(signWithOld(pastADay))
    expect(refusal.body).not.toHaveProperty('hint')
    expect(refusal.diagnosis).toBeUndefined()
  })

  it('tries at most 50 other keys of the account, the oldest first', async () => {
    const me = bootstrap()
    const siblings = await Promise.all(Array.from({ length: 51 }, () => secondKey()))
    // Created concurrently: which is oldest is the store's order, read back from the list.
    const listed = await post(
      sandbox.url,
      LIST,
      {},
      {
        authorization: handHeader(me, { date: new Date().toISOString(), salt: freshSalt() }),
      },
    )
    const order = Object.keys((listed.body as { credentials: object }).credentials).filter(
      (apiKey) => apiKey !== me.apiKey,
    )
    expect(order).toHaveLength(51)
    const secretOf = (apiKey: string) =>
      siblings.find((sibling) => sibling.apiKey === apiKey)?.apiSecret as string
    const signedWith = (apiKey: string) =>
      headerSignedAs(me, (date, salt) =>
        hmac('HMAC-SHA256', secretOf(apiKey), date + salt).toString('hex'),
      ).header

    const fiftieth = await refused(signedWith(order[49] as string))
    expect(fiftieth.body.hint).toBe('other-key-secret')
    expect(fiftieth.body.errorMessage).toContain(order[49])
    const fiftyFirst = await refused(signedWith(order[50] as string))
    expect(fiftyFirst.body).not.toHaveProperty('hint')
  })
})
