// What the gate catches, on real `redocly diff` runs over copies of the bundled spec with one
// edit each: the cases the hand-written checker it replaced was tested on. Redocly reports a
// change to a shared component once, at the first place an operation meets it (`path`), with
// the component in `verdicts[].location`; where it rates a case differently from the old
// checker, the expectation says so and why.

import { describe, expect, it } from 'vitest'
import { formatChange, type GateResult, judge } from '../../scripts/breaking/gate.mjs'
import type { DiffChange } from '../../scripts/breaking/redocly-diff.mjs'
import type { SchemaObject } from '../../src/index.js'
import {
  copiesFolder,
  diffOn,
  edited,
  gateOn,
  op,
  schemas,
  spec,
  withVersion,
} from './bundle-copies.ts'

const folder = copiesFolder()

const ptr = (id: string) => `#/paths/~1credentials~1${id}/post`
const requestSchemaAt = (id: string) => `${ptr(id)}/requestBody/content/application~1json/schema`
const responseSchemaAt = (id: string, status: number) =>
  `${ptr(id)}/responses/${status}/content/application~1json/schema`

/**
 * A change redocly rates major: the gate fails while info.version keeps its major, naming the
 * fix, and passes the same change once the major is bumped. Returns the breaking changes.
 * Redocly rates a change the same whatever info.version says (the first test shows it on two
 * real runs), so one run serves both verdicts: the bumped one judges its report with the
 * revision's version changed.
 */
async function major(base: typeof spec, head: typeof spec): Promise<DiffChange[]> {
  const diff = await diffOn(folder, base, withVersion(head, '1.1.0'))
  const kept = judge(diff)
  const bumped = judge({ ...diff, infoVersions: { ...diff.infoVersions, revision: '2.0.0' } })
  expect(kept.ok, kept.report).toBe(false)
  expect(kept.report).toContain('bump info.version in spec/openapi.yaml to 2.0.0')
  expect(bumped).toMatchObject({ ok: true, majorBumped: true })
  expect(bumped.breaking.map(formatChange)).toEqual(kept.breaking.map(formatChange))
  expect(kept.breaking.length).toBeGreaterThan(0)
  return kept.breaking
}

/** A change the gate lets through without any version bump. */
async function compatible(base: typeof spec, head: typeof spec): Promise<GateResult> {
  const result = await gateOn(folder, base, head)
  expect(result.breaking, result.report).toEqual([])
  expect(result.ok).toBe(true)
  return result
}

const messages = (changes: DiffChange[]) => changes.flatMap((c) => c.verdicts.map((v) => v.message))
const rules = (changes: DiffChange[]) => changes.flatMap((c) => c.verdicts.map((v) => v.ruleId))

describe.concurrent('the gate on the real spec', () => {
  it('finds no change between the spec and a copy of it', async () => {
    const result = await compatible(spec, structuredClone(spec))
    expect([...result.additive, ...result.other]).toEqual([])
  })

  it('rates a change the same whatever info.version says: a real run on each version', async () => {
    const head = edited((doc) => {
      delete doc.paths['/credentials/deleteCredential']
    })
    const [kept, bumped] = await Promise.all([
      gateOn(folder, spec, withVersion(head, '1.1.0')),
      gateOn(folder, spec, withVersion(head, '2.0.0')),
    ])
    expect(kept).toMatchObject({ ok: false, majorBumped: false, headVersion: '1.1.0' })
    expect(bumped).toMatchObject({ ok: true, majorBumped: true, headVersion: '2.0.0' })
    for (const rated of ['breaking', 'additive', 'other'] as const) {
      expect(bumped[rated].map(formatChange)).toEqual(kept[rated].map(formatChange))
    }
    expect(kept.breaking.length).toBeGreaterThan(0)
  })

  it('reports a removed operation at its path', async () => {
    const head = edited((doc) => {
      delete doc.paths['/credentials/deleteCredential']
    })
    expect(await major(spec, head)).toEqual([
      expect.objectContaining({
        path: '#/paths/~1credentials~1deleteCredential',
        verdicts: [expect.objectContaining({ ruleId: 'path-removed' })],
      }),
    ])
  })

  it('reports a removed request field', async () => {
    const head = edited((doc) => {
      const request = schemas(doc).UpdateCredentialStatusRequest as SchemaObject
      delete request.properties.credentialStatus
      request.required = ['apiKey']
    })
    expect(await major(spec, head)).toContainEqual(
      expect.objectContaining({
        path: `${requestSchemaAt('updateCredentialStatus')}/properties/credentialStatus`,
        verdicts: [
          expect.objectContaining({
            ruleId: 'property-removed',
            location: expect.objectContaining({
              pointer:
                '#/components/schemas/UpdateCredentialStatusRequest/properties/credentialStatus',
            }),
          }),
        ],
      }),
    )
  })

  it('reports a removed response field', async () => {
    const head = edited((doc) => {
      delete (schemas(doc).CredentialInfo as SchemaObject).properties.userId
    })
    const found = await major(spec, head)
    expect(found).toEqual([
      expect.objectContaining({
        path: `${responseSchemaAt('getCredentialInfo', 200)}/properties/userId`,
      }),
    ])
    expect(messages(found)).toEqual(['Property `userId` of `CredentialInfo` was removed.'])
  })

  it('reports a removed enum value on the request side, where the component is written', async () => {
    const head = edited((doc) => {
      ;(schemas(doc).CredentialStatus as SchemaObject).enum = ['active']
    })
    const found = await major(spec, head)
    // Redocly rates the removal by the request that uses CredentialStatus
    // (updateCredentialStatus) but reports it once, at the first place an operation meets the
    // component (a getCredentialInfo response), where the old checker named the request.
    expect(found).toEqual([
      expect.objectContaining({
        path: `${responseSchemaAt('getCredentialInfo', 200)}/properties/credentialStatus/$ref`,
        verdicts: [
          expect.objectContaining({
            ruleId: 'enum-values-removed',
            message: "Enum of `CredentialStatus` lost values: 'inactive'.",
            location: expect.objectContaining({
              pointer: '#/components/schemas/CredentialStatus/enum',
            }),
          }),
        ],
      }),
    ])
  })

  it('lets a removed enum value on the response side through (the old checker failed it)', async () => {
    const head = edited((doc) => {
      const forbidden = schemas(doc).ForbiddenError as SchemaObject
      forbidden.allOf[1].properties.errorCode.enum = ['InvalidAPIKey', 'SignatureDoesNotMatch']
    })
    // Rated differently: the old checker reported 12 breaking changes (every operation
    // documents 403, and two values went from each). Redocly rates it patch: a response that
    // sends fewer values than before sends nothing a client was not promised.
    const result = await compatible(spec, head)
    expect(result.other).toEqual([
      expect.objectContaining({
        path: `${responseSchemaAt('createCredential', 403)}/allOf/1/properties/errorCode`,
        property: 'enum',
        impact: 'patch',
      }),
    ])
  })

  it('reports a request field that became required', async () => {
    const base = edited((doc) => {
      ;(schemas(doc).UpdateCredentialStatusRequest as SchemaObject).required = ['apiKey']
    })
    // Reported at the schema's `required` (the old checker pointed at the property).
    expect(await major(base, spec)).toEqual([
      expect.objectContaining({
        path: requestSchemaAt('updateCredentialStatus'),
        property: 'required',
        verdicts: [
          expect.objectContaining({
            ruleId: 'required-properties-added',
            message:
              'Properties of `UpdateCredentialStatusRequest` became required: `credentialStatus`.',
          }),
        ],
      }),
    ])
  })

  it('reports a new required request field', async () => {
    const head = edited((doc) => {
      const request = schemas(doc).EmptyRequest as SchemaObject
      request.properties = { reason: { type: 'string' } }
      request.required = ['reason']
    })
    // EmptyRequest is the body of createCredential and getCredentialList: the old checker
    // reported it at both, redocly once, at the first.
    const found = await major(spec, head)
    expect(found.map((c) => [rules([c]), c.path])).toEqual([
      [['required-properties-added'], requestSchemaAt('createCredential')],
    ])
    expect(messages(found)).toEqual(['Properties of `EmptyRequest` became required: `reason`.'])
  })

  it('reports a type change on both sides of a shared component', async () => {
    const head = edited((doc) => {
      const apiKey = schemas(doc).ApiKey as SchemaObject
      apiKey.type = 'integer'
      delete apiKey.pattern
      delete apiKey.minLength
      delete apiKey.maxLength
    })
    const found = await major(spec, head)
    // The type change on both sides, once for the component (the old checker listed each
    // place: request fields, response fields, the credential list's map keys). Redocly also
    // rates the dropped pattern and lengths major: responses may now send any value.
    expect(messages(found)).toEqual(
      expect.arrayContaining([
        "Type of `ApiKey` narrowed from 'string' to 'integer'.",
        "Type of `ApiKey` widened from 'string' to 'integer'.",
      ]),
    )
    expect(rules(found)).toContain('schema-type-changed')
    expect(
      found.every((c) =>
        c.verdicts.every((v) => v.location.pointer.startsWith('#/components/schemas/ApiKey')),
      ),
    ).toBe(true)
  })

  it('reports a widened response type but not a widened request type', async () => {
    const head = edited((doc) => {
      ;(schemas(doc).DateCreated as SchemaObject).type = ['string', 'null']
      ;(schemas(doc).CredentialStatus as SchemaObject).type = ['string', 'null']
      ;(schemas(doc).CredentialStatus as SchemaObject).enum = ['active', 'inactive', null]
    })
    const found = await major(spec, head)
    expect(found.every((c) => c.path.includes('/responses/'))).toBe(true)
    // Only response verdicts: CredentialStatus is a request field too, and accepting null
    // there breaks no client.
    expect(messages(found).every((m) => / widened | gained /.test(m))).toBe(true)
  })

  it('reports a stricter pattern or length on the request side only', async () => {
    const head = edited((doc) => {
      const apiKey = schemas(doc).ApiKey as SchemaObject
      apiKey.pattern = '^[A-Z]{16}$'
      apiKey.maxLength = 15
    })
    const found = await major(spec, head)
    expect(rules(found)).toEqual(['schema-constraint-changed', 'schema-constraint-changed'])
    expect(messages(found)).toEqual(
      expect.arrayContaining([
        "`pattern` of `ApiKey` changed from '^[A-Z0-9]{16}$' to '^[A-Z]{16}$'.",
        "`maxLength` of `ApiKey` changed from '16' to '15'.",
      ]),
    )
    // ApiKey is in requests and responses, so redocly's `path` is where it first meets it (a
    // response), not the request the old checker named. The request-only half: a stricter
    // length in a schema only responses use (ApiSecret) passes.
    const responseOnly = edited((doc) => {
      ;(schemas(doc).ApiSecret as SchemaObject).maxLength = 31
    })
    const passed = await compatible(spec, responseOnly)
    expect(passed.other).toEqual([expect.objectContaining({ property: 'maxLength' })])
  })

  it('rates a looser length of a schema responses use too as major (the old checker let it through)', async () => {
    const head = edited((doc) => {
      const apiKey = schemas(doc).ApiKey as SchemaObject
      apiKey.maxLength = 20
      apiKey.minLength = 8
    })
    // Rated differently: the old checker read length limits on the request side only. ApiKey
    // is also what responses send, and clients were promised exactly 16 characters.
    expect(messages(await major(spec, head))).toEqual(
      expect.arrayContaining([
        "`maxLength` of `ApiKey` changed from '16' to '20'.",
        "`minLength` of `ApiKey` changed from '16' to '8'.",
      ]),
    )
    // A looser length that only requests see still passes.
    const note = (minLength: number, maxLength: number) =>
      edited((doc) => {
        const request = schemas(doc).ApiKeyRequest as SchemaObject
        request.properties.note = { type: 'string', minLength, maxLength }
      })
    await compatible(note(4, 10), note(1, 20))
  })

  it('reports a removed documented status', async () => {
    const head = edited((doc) => {
      delete op(doc, 'getCredentialInfo').responses['404']
    })
    expect(await major(spec, head)).toEqual([
      expect.objectContaining({
        path: `${ptr('getCredentialInfo')}/responses/404`,
        verdicts: [expect.objectContaining({ ruleId: 'response-removed' })],
      }),
    ])
  })

  it('reports a removed media type and a request body that became required', async () => {
    const base = edited((doc) => {
      op(doc, 'getCredentialList').requestBody.required = false
    })
    const head = edited((doc) => {
      const content = op(doc, 'getCredentialList').responses['200'].content
      content['application/problem+json'] = content['application/json']
      delete content['application/json']
    })
    expect(rules(await major(base, head))).toEqual([
      'request-body-became-required',
      'media-type-removed',
    ])
  })

  it('reports a request schema that closed to additional properties', async () => {
    const base = edited((doc) => {
      delete (schemas(doc).ApiKeyRequest as SchemaObject).additionalProperties
    })
    // Once for the component; the old checker reported it at each of the three operations
    // whose body ApiKeyRequest is.
    const found = await major(base, spec)
    expect(rules(found)).toEqual(['schema-constraint-changed'])
    expect(messages(found)).toEqual([
      "`additionalProperties` of `ApiKeyRequest` was set to 'false'.",
    ])
  })

  it('treats fields named like Object.prototype members as plain fields', async () => {
    const base = edited((doc) => {
      ;(schemas(doc).CredentialInfo as SchemaObject).properties.toString = { type: 'string' }
    })
    expect(await major(base, spec)).toEqual([
      expect.objectContaining({
        verdicts: [
          expect.objectContaining({
            ruleId: 'property-removed',
            message: 'Property `toString` of `CredentialInfo` was removed.',
          }),
        ],
      }),
    ])
  })

  it('terminates on recursive schemas and still finds the change inside them', async () => {
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
    const found = await major(recursive(10), recursive(5))
    expect(found.map((c) => c.path)).toContain(
      `${requestSchemaAt('createCredential')}/properties/tree/properties/name`,
    )
  })
})

describe('the gate on additive changes', () => {
  const head = edited((doc) => {
    ;(schemas(doc).ApiKeyRequest as SchemaObject).properties.label = { type: 'string' }
    ;(schemas(doc).CredentialInfo as SchemaObject).properties.label = { type: 'string' }
    const forbidden = schemas(doc).ForbiddenError as SchemaObject
    forbidden.allOf[1].properties.errorCode.enum.push('AccountSuspended')
    op(doc, 'getCredentialList').responses['402'] = op(doc, 'getCredentialList').responses['403']
    doc.paths['/credentials/renameCredential'] = structuredClone(
      doc.paths['/credentials/getCredentialInfo'] as SchemaObject,
    )
    doc.paths['/credentials/renameCredential'].post.operationId = 'renameCredential'
  })
  const changes = gateOn(folder, spec, head)

  it('finds no breaking change but the new response enum value (the old checker let it through)', async () => {
    // Rated differently: redocly rates a value added to a response enum major, since a client
    // that handles every documented errorCode meets one it does not know; the old checker
    // called it additive. Every other change here passes.
    const { breaking, ok } = await changes
    expect(ok).toBe(false)
    expect(breaking).toEqual([
      expect.objectContaining({
        path: `${responseSchemaAt('createCredential', 403)}/allOf/1/properties/errorCode`,
        verdicts: [
          expect.objectContaining({
            ruleId: 'enum-values-added',
            message: "Enum of `errorCode` gained values: 'AccountSuspended'.",
          }),
        ],
      }),
    ])
  })

  it('still sees each additive change', async () => {
    const { additive } = await changes
    expect(additive.map((c) => [c.kind, c.path]).sort()).toEqual(
      [
        ['added', `${requestSchemaAt('getCredentialInfo')}/properties/label`],
        ['added', `${responseSchemaAt('getCredentialInfo', 200)}/properties/label`],
        ['added', `${ptr('getCredentialList')}/responses/402`],
        ['added', '#/paths/~1credentials~1renameCredential'],
      ].sort(),
    )
  })
})
