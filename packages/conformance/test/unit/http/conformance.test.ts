import { credentialsContract } from '@solapi/credentials-spec'
import { describe, expect, it } from 'vitest'
import {
  assertConforms,
  ContractViolation,
  conformanceProblems,
} from '../../../src/http/conformance.js'
import { type Exchange, jsonBody } from '../../../src/http/exchange.js'
import { redactSecrets } from '../../../src/http/redact.js'

const info = credentialsContract.operation('getCredentialInfo')
const SECRET = 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B'
const SIGNATURE = '557846d65110c3e128441d86a7ee12e20a7f749ef4b8bbed43cf5652d3b9f15e'

function exchangeWith(
  status: number,
  body: unknown,
  mediaType: string | undefined = 'application/json',
): Exchange {
  return {
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:1/credentials/getCredentialInfo',
      headers: {
        'content-type': 'application/json',
        authorization: credentialsContract.formatAuthorization({
          algorithm: 'HMAC-SHA256',
          apiKey: 'NCSOGH0TB3PDIGV1',
          date: '2017-08-01T11:01:07Z',
          salt: '597fe0e36daeb',
          signature: SIGNATURE,
        }),
      },
      body: jsonBody({ apiKey: 'NCSOGH0TB3PDIGV1' }),
    },
    response: {
      status,
      mediaType,
      headers: {},
      text: typeof body === 'string' ? body : JSON.stringify(body),
    },
  }
}

const credential = {
  apiKey: 'NCSOGH0TB3PDIGV1',
  apiSecret: SECRET,
  credentialStatus: 'active',
  dateCreated: '2017-07-02T13:20:22.784Z',
}

describe('conformanceProblems', () => {
  it('finds none in a documented status, type and body', () => {
    expect(conformanceProblems(credentialsContract, info, exchangeWith(200, credential))).toEqual(
      [],
    )
    const notFound = { apiKey: 'NCSOGH0TB3PDIGV1', resultCode: 'ResourceNotFound' }
    expect(conformanceProblems(credentialsContract, info, exchangeWith(404, notFound))).toEqual([])
  })

  it('names a server error and an undocumented status', () => {
    expect(conformanceProblems(credentialsContract, info, exchangeWith(501, {}))).toEqual([
      'server error 501',
      'status 501 is not documented for getCredentialInfo (documented: 200, 400, 401, 403, 404, 413, 415, 429, 500, 502, 503, 504)',
    ])
    expect(conformanceProblems(credentialsContract, info, exchangeWith(409, {}))[0]).toContain(
      'status 409 is not documented',
    )
  })

  it('names an undocumented content type', () => {
    expect(
      conformanceProblems(credentialsContract, info, exchangeWith(200, 'hello', 'text/html')),
    ).toEqual(['content type text/html is not documented for 200 (documented: application/json)'])
  })

  it('names each schema error of the body with its place and keyword', () => {
    const { apiSecret: _secret, ...withoutSecret } = credential
    const problems = conformanceProblems(
      credentialsContract,
      info,
      exchangeWith(200, { ...withoutSecret, credentialStatus: 'gone' }),
    )
    expect(problems).toEqual([
      'response body /apiSecret is required (required, schema /components/schemas/CredentialInfo)',
      'response body /credentialStatus must be one of "active", "inactive" (enum, schema /components/schemas/CredentialInfo)',
    ])
  })

  it('names a JSON body that does not parse', () => {
    expect(
      conformanceProblems(credentialsContract, info, exchangeWith(400, '{"errorCode":')),
    ).toEqual(['the application/json body does not parse as JSON'])
  })
})

describe('ContractViolation', () => {
  const failing = () =>
    assertConforms(credentialsContract, info, exchangeWith(200, credential), ['demo problem'])

  it('prints the request and response with the signature and the apiSecret masked', () => {
    expect(failing).toThrow(ContractViolation)
    try {
      failing()
    } catch (error) {
      const violation = error as ContractViolation
      expect(violation.message).toContain('✗ demo problem')
      expect(violation.message).toContain('POST http://127.0.0.1:1/credentials/getCredentialInfo')
      expect(violation.message).toContain('signature=[redacted]')
      expect(violation.message).toContain('"apiSecret":"[redacted]"')
      // Runners print an error's own properties too: none may carry a secret.
      const everything = JSON.stringify({
        ...violation,
        message: violation.message,
        stack: violation.stack,
      })
      expect(everything).not.toContain(SECRET)
      expect(everything).not.toContain(SIGNATURE)
    }
  })

  it('redacts secrets at any depth', () => {
    expect(
      redactSecrets({ credentials: { K: { apiSecret: SECRET, credentialStatus: 'active' } } }),
    ).toEqual({
      credentials: { K: { apiSecret: '[redacted]', credentialStatus: 'active' } },
    })
  })
})
