import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createContract } from '../src/contract.js'
import {
  credentialsContract,
  listOperations,
  type OpenApiDocument,
  responseFor,
} from '../src/index.js'

const dereferenced = JSON.parse(
  readFileSync(new URL('../dist/openapi.deref.json', import.meta.url), 'utf8'),
)
const example = credentialsContract.signing.workedExample

describe('operations', () => {
  it('lists every path of the document with its id, method and pointer', () => {
    expect(
      credentialsContract.operations.map((op) => [op.operationId, op.method, op.path]),
    ).toEqual(
      Object.keys(credentialsContract.document.paths).map((path) => [
        path.split('/').at(-1),
        'post',
        path,
      ]),
    )
    expect(credentialsContract.operation('deleteCredential').pointer).toBe(
      '/paths/~1credentials~1deleteCredential/post',
    )
  })

  it('refuses an unknown operation, listing the real ones', () => {
    expect(() => credentialsContract.operation('dropCredential')).toThrow(
      /No operation "dropCredential"; the operations are createCredential, /,
    )
  })

  it('finds the documented response by code, then by range, then default', () => {
    const op = credentialsContract.operation('getCredentialInfo')
    expect(responseFor(op, 404)?.status).toBe('404')
    expect(responseFor(op, 418)).toBeUndefined()
    const ranged = {
      ...op,
      responses: { '4XX': op.responses['400'], default: op.responses['200'] },
    }
    expect(responseFor(ranged as typeof op, 418)?.content).toEqual(op.responses['400']?.content)
    expect(responseFor(ranged as typeof op, 302)?.content).toEqual(op.responses['200']?.content)
  })

  it('lists parameters, shared ones resolved, the operation overriding its path item', () => {
    const document = {
      openapi: '3.1.0',
      info: { version: '1' },
      paths: {
        '/items': {
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'string' } },
            { $ref: '#/components/parameters/Trace' },
          ],
          get: {
            parameters: [
              { name: 'limit', in: 'query', required: true, schema: { type: 'integer' } },
            ],
            responses: {},
          },
        },
      },
      components: {
        parameters: {
          Trace: { name: 'trace', in: 'header', schema: { $ref: '#/components/schemas/T' } },
        },
        schemas: { T: { type: 'string', minLength: 8 } },
      },
    } as OpenApiDocument
    const [list] = listOperations(document)
    expect(list?.parameters).toEqual([
      {
        name: 'limit',
        in: 'query',
        required: true,
        schemaPointer: '/paths/~1items/get/parameters/0/schema',
        schema: { type: 'integer' },
      },
      {
        name: 'trace',
        in: 'header',
        required: false,
        schemaPointer: '/components/schemas/T',
        schema: { type: 'string', minLength: 8 },
      },
    ])
    expect(credentialsContract.operation('getCredentialList').parameters).toEqual([])
  })

  it('resolves shared responses to where their schema is written', () => {
    const media =
      credentialsContract.operation('createCredential').responses['413']?.content[
        'application/json'
      ]
    expect(media?.schemaPointer).toBe('/components/schemas/PayloadTooLargeError')
    expect(Object.keys(media?.examples ?? {})).toEqual(['PayloadTooLarge'])
  })
})

describe('reaches', () => {
  const secret = '#/components/schemas/ApiSecret'
  const json = (id: string, status: string) =>
    credentialsContract.operation(id).responses[status]?.content['application/json']?.schema ??
    false

  it('tells whether a response schema uses a component, through refs and allOf, at any depth', () => {
    expect(credentialsContract.reaches(json('getCredentialInfo', '200'), secret)).toBe(true)
    // The list names secrets two levels down: a map of CredentialSummary entries.
    expect(credentialsContract.reaches(json('getCredentialList', '200'), secret)).toBe(true)
    expect(credentialsContract.reaches(json('updateCredentialStatus', '200'), secret)).toBe(false)
    expect(credentialsContract.reaches(json('getCredentialInfo', '403'), secret)).toBe(false)
  })

  it('ends on cycles and ignores data keywords', () => {
    const cyclic = createContract({
      ...credentialsContract.document,
      components: {
        ...credentialsContract.document.components,
        schemas: {
          ...credentialsContract.document.components?.schemas,
          Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } },
        },
      },
    })
    expect(cyclic.reaches({ $ref: '#/components/schemas/Node' }, secret)).toBe(false)
    expect(
      credentialsContract.reaches({ examples: [{ $ref: secret }], type: 'object' }, secret),
    ).toBe(false)
  })
})

describe('validator', () => {
  const validator = credentialsContract.validator()

  it('is created once per contract', () => {
    expect(credentialsContract.validator()).toBe(validator)
  })

  it('names the field and the rule of each failure', () => {
    expect(validator.request('getCredentialInfo', { apiKey: 'abc', extra: 1 })).toEqual({
      valid: false,
      errors: [
        expect.objectContaining({ field: '/extra', rule: 'additionalProperties' }),
        expect.objectContaining({ field: '/apiKey', rule: 'minLength' }),
        { field: '/apiKey', rule: 'pattern', message: 'must match pattern ^[A-Z0-9]{16}$' },
      ],
    })
    expect(validator.request('updateCredentialStatus', { apiKey: example.apiKey })).toEqual({
      valid: false,
      errors: [{ field: '/credentialStatus', rule: 'required', message: 'is required' }],
    })
  })

  it('compiles any valid JSON Schema of another document: type lists, keywords without type', () => {
    const other = createContract({
      ...credentialsContract.document,
      components: {
        ...credentialsContract.document.components,
        schemas: {
          ...credentialsContract.document.components?.schemas,
          Nullable: { type: ['string', 'null'], pattern: '^[a-f0-9]{4}$' },
          Folded: {
            allOf: [
              { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
              { properties: { b: { type: 'boolean' } }, required: ['b'] },
            ],
          },
        },
      },
    }).validator()
    expect(other.validate('/components/schemas/Nullable', null).valid).toBe(true)
    expect(other.validate('/components/schemas/Nullable', 'beef').valid).toBe(true)
    expect(other.validate('/components/schemas/Nullable', 'BEEF').errors).toEqual([
      { field: '', rule: 'pattern', message: 'must match pattern ^[a-f0-9]{4}$' },
    ])
    expect(other.validate('/components/schemas/Folded', { a: 'x', b: true }).valid).toBe(true)
    expect(other.validate('/components/schemas/Folded', { a: 'x' }).errors).toEqual([
      { field: '/b', rule: 'required', message: 'is required' },
    ])
  })

  it('still refuses an unknown keyword, the typo strict mode is for', () => {
    const { components } = credentialsContract.document
    const typo = {
      ...credentialsContract.document,
      components: {
        ...components,
        schemas: { ...components?.schemas, Typo: { type: 'string', maxLenght: 3 } },
      },
    }
    expect(() =>
      createContract(typo).validator().validate('/components/schemas/Typo', 'x'),
    ).toThrow(/unknown keyword: "maxLenght"/)
  })

  it('validates responses against the documented status', () => {
    const body = { apiKey: example.apiKey, resultCode: 'ResourceNotFound', errorMessage: 'gone' }
    expect(validator.response('getCredentialInfo', 404, body).valid).toBe(true)
    expect(validator.response('getCredentialInfo', 404, { ...body, more: 1 }).valid).toBe(false)
    expect(() => validator.response('getCredentialInfo', 418, body)).toThrow(/documents no/)
  })
})

describe('limits and signing rules', () => {
  it('are read from the spec, and the prose quotes the same numbers', () => {
    expect(credentialsContract.limits.maxRequestBodyBytes).toBe(16 * 1024)
    const tooLarge = credentialsContract.operation('createCredential').responses['413']
    expect(tooLarge?.description).toContain(String(credentialsContract.limits.maxRequestBodyBytes))
    expect(credentialsContract.limits.apiKey.pattern.test(example.apiKey)).toBe(true)
    expect(credentialsContract.limits.apiSecret.pattern.test(example.apiSecret)).toBe(true)
    expect(credentialsContract.limits.apiKey.pattern.test(example.apiKey.toLowerCase())).toBe(false)
    expect(credentialsContract.limits.credentialStatuses).toEqual(
      credentialsContract.document.components?.schemas?.CredentialStatus?.enum,
    )
    expect(credentialsContract.limits.credentialStatuses).toContain('inactive')
    expect(credentialsContract.signing.algorithms.map((a) => a.name)).toEqual([
      'HMAC-SHA256',
      'HMAC-MD5',
    ])
  })

  it('refuse a document without them, naming what is missing', () => {
    const { 'x-solapi-limits': _limits, ...rest } = credentialsContract.document
    expect(() => createContract(rest as OpenApiDocument)).toThrow(
      'spec: x-solapi-limits.maxRequestBodyBytes is missing',
    )
    const { securitySchemes: _schemes, ...components } =
      credentialsContract.document.components ?? {}
    const noSigning = { ...credentialsContract.document, components }
    expect(() => createContract(noSigning)).toThrow('no security scheme carries x-solapi-signing')
  })
})

describe('the Authorization grammar', () => {
  const parts = {
    algorithm: 'HMAC-SHA256',
    apiKey: example.apiKey,
    date: example.date,
    salt: example.salt,
    signature: example.signatures['HMAC-SHA256'] ?? '',
  }
  const header = credentialsContract.formatAuthorization(parts)

  it('formats the header as headerFormat writes it, and parses it back', () => {
    expect(header).toBe(
      `HMAC-SHA256 apiKey=${example.apiKey}, date=${example.date}, salt=${example.salt}, signature=${parts.signature}`,
    )
    const parsed = credentialsContract.parseAuthorization(header)
    expect(parsed).toEqual({
      ok: true,
      value: {
        ...parts,
        dateMs: Date.parse(example.date),
        rule: credentialsContract.signing.algorithms[0],
      },
    })
  })

  it.each([
    [undefined, 'MissingAuthorization', 'is required'],
    ['  ', 'MissingAuthorization', 'is required'],
    ['Bearer abc', 'MalformedAuthorization', 'method must be HMAC-SHA256 or HMAC-MD5, got Bearer'],
    [header.replace(/, salt=[^,]*/, ''), 'MalformedAuthorization', 'part 3 must be salt'],
    [header.replace(/, signature=.*/, ''), 'MalformedAuthorization', 'missing the signature part'],
    [`${header}, extra=1`, 'MalformedAuthorization', 'after the signature part'],
    [header.replace(example.apiKey, 'short'), 'MalformedAuthorization', 'apiKey must be 16'],
    [header.replace(example.date, '2100-02-29T00:00:00Z'), 'MalformedAuthorization', 'date must'],
    [header.replace(example.date, '2017-08-01T24:00:00Z'), 'MalformedAuthorization', 'date must'],
    [header.replace(example.salt, 'short'), 'MalformedAuthorization', 'salt must be 12 to 64'],
    [header.replace(parts.signature, ''), 'MalformedAuthorization', 'signature is empty'],
  ])('refuses %j as %s, naming the part', (value, code, named) => {
    const parsed = credentialsContract.parseAuthorization(value)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.code).toBe(code)
    expect(parsed.message).toContain(named)
  })

  it('formats a header without the parts it is told to omit, which the parser refuses', () => {
    const withoutSalt = credentialsContract.formatAuthorization(parts, { omit: ['salt'] })
    expect(withoutSalt).toBe(header.replace(`, salt=${example.salt}`, ''))
    expect(credentialsContract.parseAuthorization(withoutSalt)).toMatchObject({
      ok: false,
      message: expect.stringContaining('part 3 must be salt'),
    })
    const bare = credentialsContract.formatAuthorization(parts, {
      omit: ['apiKey', 'date', 'salt', 'signature'],
    })
    expect(bare).toBe('HMAC-SHA256 ')
  })

  it('accepts 29 February of a leap year and numeric offsets', () => {
    const leap = header.replace(example.date, '2024-02-29T23:59:59.123+09:00')
    expect(credentialsContract.parseAuthorization(leap).ok).toBe(true)
  })
})

describe('the dereferenced bundle', () => {
  it('has no $ref left and describes the same operations', () => {
    expect(JSON.stringify(dereferenced)).not.toContain('"$ref"')
    expect(Object.keys(dereferenced.paths)).toEqual(Object.keys(credentialsContract.document.paths))
    const deleted = dereferenced.paths['/credentials/deleteCredential'].post
    expect(Object.keys(deleted.responses)).toEqual(
      Object.keys(credentialsContract.operation('deleteCredential').responses),
    )
  })
})
