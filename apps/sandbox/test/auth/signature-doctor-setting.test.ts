// The signature doctor's switch: off from code (signatureDoctor: false) or for the bin
// (SANDBOX_SIGNATURE_DOCTOR=off), a refused signature gets the plain message and no hint, even
// for a mistake the doctor would name; a bad value is refused naming the setting.
import { createHmac } from 'node:crypto'
import { stopAllProcesses } from '@solapi/devkit'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readConfig } from '../../src/config.js'
import { type RunningSandbox, startSandbox } from '../../src/start-sandbox.js'
import { databaseFor, ownStore } from '../support/backend.js'
import { startEntry } from '../support/sandbox-process.js'
import {
  type Credential,
  freshSalt,
  handHeader,
  post,
  TEST_CREDENTIAL,
} from '../support/signing.js'

const LIST = '/credentials/getCredentialList'
const CREATE = '/credentials/createCredential'
const REGENERATE = '/credentials/regenerateSecretKey'
const PLAIN = /^The signature does not match HMAC-SHA256\(apiSecret, date \+ salt\): expected 64/

const sha256 = (key: string, data: string) => createHmac('sha256', key).update(data).digest()

/** Headers for `credential` made with each of these mistakes, which the doctor would name. */
function mistakes(credential: Credential, others: { otherKeySecret: string; oldSecret: string }) {
  const sign = (signature: (date: string, salt: string) => string) => {
    const date = new Date().toISOString()
    const salt = freshSalt()
    return handHeader(credential, { date, salt, signature: signature(date, salt) })
  }
  const { apiKey, apiSecret } = credential
  return {
    'salt-before-date': sign((d, s) => sha256(apiSecret, s + d).toString('hex')),
    'uppercase-hex': sign((d, s) =>
      sha256(apiSecret, d + s)
        .toString('hex')
        .toUpperCase(),
    ),
    'base64-signature': sign((d, s) => sha256(apiSecret, d + s).toString('base64')),
    'secret-whitespace': sign((d, s) => sha256(`${apiSecret}\n`, d + s).toString('hex')),
    'apikey-as-secret': sign((d, s) => sha256(apiKey, d + s).toString('hex')),
    'other-key-secret': sign((d, s) => sha256(others.otherKeySecret, d + s).toString('hex')),
    'previous-secret': sign((d, s) => sha256(others.oldSecret, d + s).toString('hex')),
  }
}

/** A second key of the account, then the first key's secret regenerated: the old and new. */
async function prepare(url: string, first: Credential) {
  const signed = () => ({
    authorization: handHeader(first, { date: new Date().toISOString(), salt: freshSalt() }),
  })
  const other = await post(url, CREATE, {}, signed())
  expect(other.status).toBe(200)
  const regenerated = await post(url, REGENERATE, { apiKey: first.apiKey }, signed())
  expect(regenerated.status).toBe(200)
  return {
    current: regenerated.body as unknown as Credential,
    others: {
      otherKeySecret: (other.body as unknown as Credential).apiSecret,
      oldSecret: first.apiSecret,
    },
  }
}

describe('signatureDoctor: false', () => {
  let sandbox: RunningSandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ ...(await ownStore()), signatureDoctor: false })
  })
  afterAll(() => sandbox.close())

  it('names no mistake: the plain message, no hint, no diagnosis in the journal', async () => {
    const { current, others } = await prepare(sandbox.url, {
      apiKey: sandbox.apiKey,
      apiSecret: sandbox.apiSecret,
    })
    for (const [mistake, header] of Object.entries(mistakes(current, others))) {
      const response = await post(sandbox.url, LIST, {}, { authorization: header })
      expect([mistake, response.status, response.body.errorCode]).toEqual([
        mistake,
        403,
        'SignatureDoesNotMatch',
      ])
      expect(response.body, mistake).not.toHaveProperty('hint')
      expect(response.body.errorMessage, mistake).toMatch(PLAIN)
      const [entry] = await sandbox.control.listRequests({ limit: 1 })
      expect(entry?.errorCode, mistake).toBe('SignatureDoesNotMatch')
      expect(entry, mistake).not.toHaveProperty('diagnosis')
    }
  })

  it('is refused unless a boolean, naming the option', async () => {
    await expect(startSandbox({ signatureDoctor: 'off' as unknown as boolean })).rejects.toThrow(
      'signatureDoctor must be true or false.',
    )
  })
})

describe('SANDBOX_SIGNATURE_DOCTOR', () => {
  afterEach(stopAllProcesses)

  it('reads on and off, unset keeps the default, anything else is refused naming it', () => {
    expect(readConfig({ SANDBOX_SIGNATURE_DOCTOR: 'off' }).options.signatureDoctor).toBe(false)
    expect(readConfig({ SANDBOX_SIGNATURE_DOCTOR: 'on' }).options.signatureDoctor).toBe(true)
    expect(readConfig({}).options).not.toHaveProperty('signatureDoctor')
    expect(() => readConfig({ SANDBOX_SIGNATURE_DOCTOR: 'false' })).toThrow(
      'SANDBOX_SIGNATURE_DOCTOR must be on or off (or unset, which is on).',
    )
  })

  it.each([
    ['off', 'no mistake', undefined],
    ['on', 'the mistake', 'salt-before-date'],
    [undefined, 'the mistake', 'salt-before-date'],
  ])('the bin with SANDBOX_SIGNATURE_DOCTOR=%s names %s', async (setting, _, hint) => {
    const server = await startEntry({
      database: await databaseFor(':memory:'),
      credential: TEST_CREDENTIAL,
      env: setting === undefined ? {} : { SANDBOX_SIGNATURE_DOCTOR: setting },
    })
    const header = mistakes(TEST_CREDENTIAL, { otherKeySecret: '', oldSecret: '' })[
      'salt-before-date'
    ]
    const response = await post(server.url, LIST, {}, { authorization: header })
    expect(response.status).toBe(403)
    expect(response.body.hint).toBe(hint)
    if (hint === undefined) expect(response.body.errorMessage).toMatch(PLAIN)
  })
})
