import { credentialsDocument } from '@solapi/credentials-spec'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  AuthError,
  createCredentialsClient,
  SIGNATURE_HINTS,
  type SignatureHint,
} from '../../src/index.js'
import { API_KEY, API_SECRET, BASE_URL, json, scriptedFetch } from '../helpers/scripted-fetch.js'

const URL_INFO = `${BASE_URL}/credentials/getCredentialInfo`

async function refusal(body: unknown, status = 403): Promise<AuthError> {
  const { fetch } = scriptedFetch(json(status, body))
  const client = createCredentialsClient({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    baseUrl: BASE_URL,
    fetch,
    retry: false,
  })
  const error = await client.getCredentialInfo('X').catch((caught: unknown) => caught)
  if (!(error instanceof AuthError)) throw new Error(`expected an AuthError, got ${error}`)
  return error
}

const explained = (hint: string) => ({
  errorCode: 'SignatureDoesNotMatch',
  errorMessage: `The signature does not match. It is what ${hint} says.`,
  hint,
})

describe("the signature doctor's hint on AuthError", () => {
  it('knows exactly the codes the spec lists in Error.hint x-solapi-hints', () => {
    const hint = credentialsDocument.components?.schemas?.Error?.properties?.hint as {
      'x-solapi-hints': Record<string, string>
    }
    expect([...SIGNATURE_HINTS]).toEqual(Object.keys(hint['x-solapi-hints']))
  })

  it.each(SIGNATURE_HINTS)('surfaces %s as a typed field and in the message', async (hint) => {
    const error = await refusal(explained(hint))
    expect(error.hint).toBe(hint)
    expectTypeOf(error.hint).toEqualTypeOf<SignatureHint | undefined>()
    expect(error.message).toBe(
      `getCredentialInfo POST ${URL_INFO} 403 SignatureDoesNotMatch (hint: ${hint}): The signature does not match. It is what ${hint} says.`,
    )
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ hint, code: 'SignatureDoesNotMatch' })
  })

  it('is undefined, and the message unchanged, without a hint', async () => {
    const error = await refusal({ errorCode: 'SignatureDoesNotMatch', errorMessage: 'm' })
    expect(error.hint).toBeUndefined()
    expect(error.message).toBe(`getCredentialInfo POST ${URL_INFO} 403 SignatureDoesNotMatch`)
  })

  it('treats a code it does not know as no diagnosis', async () => {
    const error = await refusal(explained('mistake-of-the-future'))
    expect(error.hint).toBeUndefined()
    expect(error.message).toBe(`getCredentialInfo POST ${URL_INFO} 403 SignatureDoesNotMatch`)
  })

  it('repeats a bounded, printable explanation only', async () => {
    const error = await refusal({
      errorCode: 'SignatureDoesNotMatch',
      errorMessage: `line one\nline two\u0007${'x'.repeat(1000)}`,
      hint: 'uppercase-hex',
    })
    const explanation = error.message.split('(hint: uppercase-hex): ')[1] ?? ''
    expect(explanation.startsWith('line one line two ')).toBe(true)
    expect(explanation).toHaveLength(403)
    expect(explanation.endsWith('...')).toBe(true)
  })
})
