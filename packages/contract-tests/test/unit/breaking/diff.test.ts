import { describe, expect, it } from 'vitest'
import type { Change } from '../../../src/breaking/changes.js'
import { diffDocuments } from '../../../src/breaking/diff.js'
import { loadDocument } from '../../../src/spec/openapi.js'
import type { OpenApiDocument, SchemaObject } from '../../../src/spec/types.js'

const spec = loadDocument()
const schemas = (doc: OpenApiDocument) => doc.components?.schemas as Record<string, SchemaObject>
const op = (doc: OpenApiDocument, id: string) =>
  doc.paths[`/credentials/${id}`]?.post as SchemaObject

/** A deep copy of the real bundled spec with one edit applied. */
function edited(edit: (doc: OpenApiDocument) => void): OpenApiDocument {
  const copy = structuredClone(spec)
  edit(copy)
  return copy
}

const breaking = (changes: Change[]) => changes.filter((c) => c.breaking)
const ptr = (id: string) => `/paths/~1credentials~1${id}/post`
const requestSchemaAt = (id: string) => `${ptr(id)}/requestBody/content/application~1json/schema`
const responseSchemaAt = (id: string, status: number) =>
  `${ptr(id)}/responses/${status}/content/application~1json/schema`

describe('diffDocuments on the real spec', () => {
  it('finds no change between the spec and a copy of it', () => {
    expect(diffDocuments(spec, structuredClone(spec))).toEqual([])
  })

  it('reports a removed operation at its path', () => {
    const head = edited((doc) => {
      delete doc.paths['/credentials/deleteCredential']
    })
    expect(breaking(diffDocuments(spec, head))).toEqual([
      expect.objectContaining({ kind: 'operation-removed', pointer: ptr('deleteCredential') }),
    ])
  })

  it('reports a removed request field', () => {
    const head = edited((doc) => {
      const request = schemas(doc).UpdateCredentialStatusRequest as SchemaObject
      delete request.properties.credentialStatus
      request.required = ['apiKey']
    })
    expect(breaking(diffDocuments(spec, head))).toContainEqual(
      expect.objectContaining({
        kind: 'field-removed',
        pointer: `${requestSchemaAt('updateCredentialStatus')}/properties/credentialStatus`,
        definedAt: '#/components/schemas/UpdateCredentialStatusRequest/properties/credentialStatus',
      }),
    )
  })

  it('reports a removed response field', () => {
    const head = edited((doc) => {
      delete (schemas(doc).CredentialInfo as SchemaObject).properties.userId
    })
    const found = breaking(diffDocuments(spec, head))
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'field-removed',
        pointer: `${responseSchemaAt('getCredentialInfo', 200)}/properties/userId`,
      }),
    ])
    expect(found[0]?.message).toContain('response field "userId" removed')
  })

  it('reports a removed enum value on the request side, where the component is written', () => {
    const head = edited((doc) => {
      ;(schemas(doc).CredentialStatus as SchemaObject).enum = ['active']
    })
    const found = breaking(diffDocuments(spec, head))
    expect(found).toContainEqual(
      expect.objectContaining({
        kind: 'enum-value-removed',
        pointer: `${requestSchemaAt('updateCredentialStatus')}/properties/credentialStatus`,
        definedAt: '#/components/schemas/CredentialStatus',
        message: 'request enum value "inactive" removed',
      }),
    )
  })

  it('reports a removed enum value on the response side, through allOf', () => {
    const head = edited((doc) => {
      const forbidden = schemas(doc).ForbiddenError as SchemaObject
      forbidden.allOf[1].properties.errorCode.enum = ['InvalidAPIKey', 'SignatureDoesNotMatch']
    })
    const found = breaking(diffDocuments(spec, head))
    // Every operation documents 403, and two values went from each.
    expect(found).toHaveLength(12)
    expect(found.every((c) => c.kind === 'enum-value-removed')).toBe(true)
    expect(found.map((c) => c.message)).toContain(
      'response enum value "DuplicatedSignature" removed',
    )
    expect(found.map((c) => c.pointer)).toContain(
      `${responseSchemaAt('createCredential', 403)}/properties/errorCode`,
    )
  })

  it('reports a request field that became required', () => {
    const base = edited((doc) => {
      ;(schemas(doc).UpdateCredentialStatusRequest as SchemaObject).required = ['apiKey']
    })
    expect(breaking(diffDocuments(base, spec))).toEqual([
      expect.objectContaining({
        kind: 'field-became-required',
        pointer: `${requestSchemaAt('updateCredentialStatus')}/properties/credentialStatus`,
      }),
    ])
  })

  it('reports a new required request field', () => {
    const head = edited((doc) => {
      const request = schemas(doc).EmptyRequest as SchemaObject
      request.properties = { reason: { type: 'string' } }
      request.required = ['reason']
    })
    const found = breaking(diffDocuments(spec, head))
    // EmptyRequest is the body of createCredential and getCredentialList.
    expect(found.map((c) => [c.kind, c.pointer])).toEqual([
      ['required-field-added', `${requestSchemaAt('createCredential')}/properties/reason`],
      ['required-field-added', `${requestSchemaAt('getCredentialList')}/properties/reason`],
    ])
  })

  it('reports a type change on both sides of a shared component', () => {
    const head = edited((doc) => {
      const apiKey = schemas(doc).ApiKey as SchemaObject
      apiKey.type = 'integer'
      delete apiKey.pattern
      delete apiKey.minLength
      delete apiKey.maxLength
    })
    const found = breaking(diffDocuments(spec, head))
    expect(found.every((c) => c.kind === 'type-changed')).toBe(true)
    expect(found.map((c) => c.pointer)).toEqual(
      expect.arrayContaining([
        `${requestSchemaAt('getCredentialInfo')}/properties/apiKey`,
        `${responseSchemaAt('createCredential', 200)}/properties/apiKey`,
        // The map keys of the credential list are API keys too.
        `${responseSchemaAt('getCredentialList', 200)}/properties/credentials/propertyNames`,
      ]),
    )
  })

  it('reports a widened response type but not a widened request type', () => {
    const head = edited((doc) => {
      ;(schemas(doc).DateCreated as SchemaObject).type = ['string', 'null']
      ;(schemas(doc).CredentialStatus as SchemaObject).type = ['string', 'null']
      ;(schemas(doc).CredentialStatus as SchemaObject).enum = ['active', 'inactive', null]
    })
    const found = breaking(diffDocuments(spec, head))
    expect(found.length).toBeGreaterThan(0)
    expect(found.every((c) => c.pointer.includes('/responses/'))).toBe(true)
  })

  it('reports a stricter pattern or length on the request side only', () => {
    const head = edited((doc) => {
      const apiKey = schemas(doc).ApiKey as SchemaObject
      apiKey.pattern = '^[A-Z]{16}$'
      apiKey.maxLength = 15
    })
    const found = breaking(diffDocuments(spec, head))
    expect(found.length).toBeGreaterThan(0)
    expect(found.every((c) => c.kind === 'constraint-stricter')).toBe(true)
    expect(found.every((c) => c.pointer.includes('/requestBody/'))).toBe(true)
    expect(found.map((c) => c.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('request pattern changed from "^[A-Z0-9]{16}$" to "^[A-Z]{16}$"'),
        'request maxLength changed from 16 to 15',
      ]),
    )
  })

  it('lets a looser request length through', () => {
    const head = edited((doc) => {
      const apiKey = schemas(doc).ApiKey as SchemaObject
      apiKey.maxLength = 20
      apiKey.minLength = 8
    })
    expect(breaking(diffDocuments(spec, head))).toEqual([])
  })

  it('reports a removed documented status', () => {
    const head = edited((doc) => {
      delete op(doc, 'getCredentialInfo').responses['404']
    })
    expect(breaking(diffDocuments(spec, head))).toEqual([
      expect.objectContaining({
        kind: 'status-removed',
        pointer: `${ptr('getCredentialInfo')}/responses/404`,
      }),
    ])
  })

  it('reports a removed media type and a request body that became required', () => {
    const base = edited((doc) => {
      op(doc, 'getCredentialList').requestBody.required = false
    })
    const head = edited((doc) => {
      const content = op(doc, 'getCredentialList').responses['200'].content
      content['application/problem+json'] = content['application/json']
      delete content['application/json']
    })
    expect(breaking(diffDocuments(base, head)).map((c) => c.kind)).toEqual([
      'request-body-required',
      'media-type-removed',
    ])
  })

  it('reports a request schema that closed to additional properties', () => {
    const base = edited((doc) => {
      delete (schemas(doc).ApiKeyRequest as SchemaObject).additionalProperties
    })
    const found = breaking(diffDocuments(base, spec))
    expect(found.map((c) => c.kind)).toEqual(Array(3).fill('additional-properties-closed'))
  })

  it('treats fields named like Object.prototype members as plain fields', () => {
    const base = edited((doc) => {
      ;(schemas(doc).CredentialInfo as SchemaObject).properties.toString = { type: 'string' }
    })
    expect(breaking(diffDocuments(base, spec))).toEqual([
      expect.objectContaining({
        kind: 'field-removed',
        message: 'response field "toString" removed',
      }),
    ])
  })

  it('terminates on recursive schemas and still finds the change inside them', () => {
    const recursive = (maxLength: number) =>
      edited((doc) => {
        schemas(doc).Node = {
          type: 'object',
          properties: {
            name: { type: 'string', maxLength },
            child: { $ref: '#/components/schemas/Node' },
          },
        }
        ;(schemas(doc).EmptyRequest as SchemaObject).properties = {
          tree: { $ref: '#/components/schemas/Node' },
        }
      })
    const found = breaking(diffDocuments(recursive(10), recursive(5)))
    expect(found.map((c) => c.pointer)).toContain(
      `${requestSchemaAt('createCredential')}/properties/tree/properties/name`,
    )
  })
})

describe('diffDocuments lets additive changes through', () => {
  const head = edited((doc) => {
    ;(schemas(doc).ApiKeyRequest as SchemaObject).properties.label = { type: 'string' }
    ;(schemas(doc).CredentialInfo as SchemaObject).properties.label = { type: 'string' }
    const forbidden = schemas(doc).ForbiddenError as SchemaObject
    forbidden.allOf[1].properties.errorCode.enum.push('AccountSuspended')
    op(doc, 'getCredentialList').responses['429'] = op(doc, 'getCredentialList').responses['403']
    doc.paths['/credentials/renameCredential'] = structuredClone(
      doc.paths['/credentials/getCredentialInfo'] as SchemaObject,
    )
    doc.paths['/credentials/renameCredential'].post.operationId = 'renameCredential'
  })
  const changes = diffDocuments(spec, head)

  it('finds no breaking change', () => {
    expect(breaking(changes)).toEqual([])
  })

  it('still sees each additive change', () => {
    const kinds = new Set(changes.map((c) => c.kind))
    expect([...kinds].sort()).toEqual([
      'enum-value-added',
      'field-added',
      'operation-added',
      'status-added',
    ])
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'status-added',
        pointer: `${ptr('getCredentialList')}/responses/429`,
      }),
    )
    expect(changes).toContainEqual(
      expect.objectContaining({ kind: 'operation-added', pointer: ptr('renameCredential') }),
    )
  })
})
