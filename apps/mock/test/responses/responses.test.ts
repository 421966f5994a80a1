import { describe, expect, it } from 'vitest'
import { call, sharedMock } from '../helpers/prism.ts'
import { operations, spec, validate } from '../helpers/spec.ts'

const mock = sharedMock()

// The first named 200 example of each operation is the original reference's response sample
// (spec/test/seed-samples.test.ts holds them equal), so this is the sample consumers expect.
describe('static responses', () => {
  it('covers the six operations of the spec', () => {
    expect(operations.map((op) => op.operationId)).toEqual([
      'createCredential',
      'getCredentialInfo',
      'regenerateSecretKey',
      'getCredentialList',
      'updateCredentialStatus',
      'deleteCredential',
    ])
  })

  for (const op of operations) {
    it(`${op.operationId} answers with the reference's response sample by default`, async () => {
      const response = await call(mock.url, op.path, { body: op.requestExample })
      expect(response.status).toBe(200)
      expect(response.body).toEqual(Object.values(op.responses['200'] ?? {})[0])
    })
  }
})

describe('Prefer header', () => {
  for (const op of operations) {
    for (const [status, examples] of Object.entries(op.responses)) {
      it(`${op.operationId} answers ${status} to Prefer: code=${status}`, async () => {
        const response = await call(mock.url, op.path, {
          body: op.requestExample,
          headers: { prefer: `code=${status}` },
        })
        expect(response.status).toBe(Number(status))
        // Prism picks the first named example of that status.
        expect(response.body).toEqual(Object.values(examples)[0])
      })

      for (const [name, value] of Object.entries(examples)) {
        it(`${op.operationId} answers ${status} ${name} to Prefer: code=${status}, example=${name}`, async () => {
          const response = await call(mock.url, op.path, {
            body: op.requestExample,
            headers: { prefer: `code=${status}, example=${name}` },
          })
          expect(response.status).toBe(Number(status))
          expect(response.body).toEqual(value)
        })
      }
    }

    it(`${op.operationId} generates a schema-valid 200 body with Prefer: dynamic=true`, async () => {
      const response = await call(mock.url, op.path, {
        body: op.requestExample,
        headers: { prefer: 'dynamic=true' },
      })
      expect(response.status).toBe(200)
      if (op.operationId === 'getCredentialList') {
        // Prism's generator ignores `propertyNames`, so the map keys are random words, not API
        // keys (documented in the README); every entry must still be a valid CredentialSummary.
        const entries = Object.values(response.body.credentials)
        expect(entries.length).toBeGreaterThan(0)
        for (const entry of entries) {
          expect(validate('/components/schemas/CredentialSummary', entry)).toEqual([])
        }
      } else {
        expect(validate(op.responseSchemaPointer('200'), response.body)).toEqual([])
      }
    })
  }

  it('picks a named 200 example with Prefer: example=<name> alone', async () => {
    const response = await call(mock.url, '/credentials/getCredentialInfo', {
      body: { apiKey: 'NCSOGH0TB3PDIGV1' },
      headers: { prefer: 'example=GetCredentialInfoWithOwnerResponse' },
    })
    expect(response.status).toBe(200)
    expect(response.body).toEqual(spec.components.examples.GetCredentialInfoWithOwnerResponse.value)
  })

  it('dynamic=true generates new values, not the seed sample', async () => {
    const op = operations.find((candidate) => candidate.operationId === 'createCredential')
    if (!op) throw new Error('no createCredential')
    const response = await call(mock.url, op.path, { headers: { prefer: 'dynamic=true' } })
    expect(response.body).not.toEqual(Object.values(op.responses['200'] ?? {})[0])
  })
})

describe('request validation', () => {
  it("rejects a body that breaks the schema with the spec's 400, naming the field", async () => {
    const response = await call(mock.url, '/credentials/getCredentialInfo', {
      body: { apiKey: 'not-a-key' },
    })
    expect(response.status).toBe(400)
    expect(response.body.errorCode).toBe('ValidationError')
    expect(validate('/components/schemas/ValidationError', response.body)).toEqual([])
    // Prism names the actual violation in a header; the body is the spec's example.
    expect(response.headers.get('sl-violations')).toContain('apiKey')
  })

  it('rejects a missing required field with 400', async () => {
    const response = await call(mock.url, '/credentials/updateCredentialStatus', {
      body: { apiKey: 'NCSOGH0TB3PDIGV1' },
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('sl-violations')).toContain('credentialStatus')
  })

  it('rejects an unknown field with 400 (additionalProperties: false)', async () => {
    const response = await call(mock.url, '/credentials/createCredential', {
      body: { unexpected: true },
    })
    expect(response.status).toBe(400)
    expect(response.body.errorCode).toBe('ValidationError')
  })

  it("answers a body that is not JSON at once with the spec's 400 InvalidJSON", async () => {
    // Prism alone never answers this one; the JSON guard in front of it does, in the shape of
    // the spec's InvalidJSON example, with its own words (the parser's would quote the body).
    const response = await call(mock.url, '/credentials/getCredentialInfo', {
      rawBody: '{"apiKey": ',
    })
    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      errorCode: 'InvalidJSON',
      errorMessage: 'Request body is not valid JSON.',
    })
    expect(validate('/components/schemas/ValidationError', response.body)).toEqual([])
    expect(response.headers.get('sl-violations')).toContain('InvalidJSON')
  })

  it("rejects a body that is not sent as JSON with the spec's 415", async () => {
    const response = await call(mock.url, '/credentials/getCredentialInfo', {
      rawBody: 'apiKey=NCSOGH0TB3PDIGV1',
      headers: { 'content-type': 'text/plain' },
    })
    expect(response.status).toBe(415)
    expect(response.body).toEqual(spec.components.examples.UnsupportedMediaType.value)
  })

  it("rejects a request with no Authorization header with the spec's 401", async () => {
    const response = await call(mock.url, '/credentials/getCredentialList', {
      authorization: null,
    })
    expect(response.status).toBe(401)
    expect(response.body.errorCode).toBe('MissingAuthorization')
    expect(validate('/components/schemas/AuthenticationError', response.body)).toEqual([])
  })

  it('accepts the same request once the header is there', async () => {
    const response = await call(mock.url, '/credentials/getCredentialList')
    expect(response.status).toBe(200)
  })
})
