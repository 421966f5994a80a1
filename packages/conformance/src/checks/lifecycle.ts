// The lifecycle group: what the operations do to a credential, on credentials the run creates
// (each example creates its own and deletes it at the end; the run's cleanup catches the rest).
import type { components } from '@solapi/credentials-client'
import type { Operation } from '@solapi/credentials-spec'
import fc from 'fast-check'
import { validArbitrary } from '../arbitraries/valid.js'
import type { Exchange } from '../http/exchange.js'
import type { Algorithm, SigningKeys } from '../target/sender.js'
import { API_KEY_REF, requestSchema } from './bodies.js'
import { answers, jsonOf } from './expect.js'
import type { DriverCheck, DriverContext, Expectation } from './types.js'

type Json = Record<string, unknown>

/** The answer has `status` and a body for which `problems` finds nothing wrong. */
function answersWith(
  what: string,
  status: number,
  problems: (body: Json) => string[],
  code?: string,
): Expectation {
  const first = answers(what, status, code)
  return (exchange: Exchange) => {
    const wrong = first(exchange)
    if (wrong.length > 0) return wrong
    const body = jsonOf(exchange)
    if (body === null || typeof body !== 'object') return [`${what}: the body is not a JSON object`]
    return problems(body as Json).map((problem) => `${what}: ${problem}`)
  }
}

const op = (ctx: DriverContext, operationId: string): Operation =>
  ctx.contract.operation(operationId)

/** A request signed by `keys` (not the run's credential) with `algorithm`. */
function signedBy(
  ctx: DriverContext,
  keys: SigningKeys,
  algorithm: Algorithm,
  expect: Expectation,
) {
  return ctx.send(
    op(ctx, 'getCredentialInfo'),
    { json: { apiKey: keys.apiKey }, authorization: { sign: { keys, algorithm } } },
    expect,
  )
}

function remove(ctx: DriverContext, apiKey: string) {
  return ctx.send(
    op(ctx, 'deleteCredential'),
    { json: { apiKey } },
    answersWith('deleteCredential', 200, (body) =>
      body.apiKey === apiKey ? [] : [`names ${String(body.apiKey)}, not ${apiKey}`],
    ),
  )
}

function setStatus(
  ctx: DriverContext,
  apiKey: string,
  credentialStatus: components['schemas']['CredentialStatus'],
) {
  return ctx.send(
    op(ctx, 'updateCredentialStatus'),
    { json: { apiKey, credentialStatus } },
    answersWith(`updateCredentialStatus to ${credentialStatus}`, 200, (body) =>
      body.apiKey === apiKey ? [] : [`names ${String(body.apiKey)}, not ${apiKey}`],
    ),
  )
}

function statusIs(ctx: DriverContext, apiKey: string, expected: string) {
  return ctx.send(
    op(ctx, 'getCredentialInfo'),
    { json: { apiKey } },
    answersWith('getCredentialInfo', 200, (body) =>
      body.credentialStatus === expected
        ? []
        : [`credentialStatus is ${String(body.credentialStatus)}, not ${expected}`],
    ),
  )
}

/** Stands for the key of the credential an example creates, in bodies generated before it. */
const PLACEHOLDER = 'PLACEHOLDERKEY00'

export const lifecycleChecks: DriverCheck[] = [
  {
    kind: 'driver',
    id: 'lifecycle.create',
    group: 'lifecycle',
    title:
      'a created credential is read back by getCredentialInfo, listed by getCredentialList, and signs requests',
    writes: true,
    async run(ctx) {
      await ctx.property(fc.constantFrom(...ctx.algorithms), async (algorithm) => {
        const created = await ctx.createCredential()
        const { apiKey, apiSecret } = created
        const info = await ctx.send(
          op(ctx, 'getCredentialInfo'),
          { json: { apiKey } },
          answersWith('getCredentialInfo of the new credential', 200, (body) => [
            ...(body.apiKey === apiKey ? [] : [`apiKey is ${String(body.apiKey)}, not ${apiKey}`]),
            ...(body.apiSecret === apiSecret ? [] : ['apiSecret is not the one created']),
            ...(body.credentialStatus === 'active'
              ? []
              : [`credentialStatus is ${String(body.credentialStatus)}, not active`]),
          ]),
        )
        const { dateCreated } = JSON.parse(info.response.text) as { dateCreated: string }
        await ctx.send(
          op(ctx, 'getCredentialList'),
          { json: {} },
          answersWith('getCredentialList after a create', 200, (body) => {
            const entry = (body.credentials as Record<string, Json> | undefined)?.[apiKey]
            if (!entry) return [`does not list ${apiKey}`]
            return [
              ...(entry.apiSecret === apiSecret ? [] : [`lists ${apiKey} with another apiSecret`]),
              ...(entry.credentialStatus === 'active' ? [] : [`lists ${apiKey} as not active`]),
              ...(entry.dateCreated === dateCreated
                ? []
                : [
                    `lists ${apiKey} created ${String(entry.dateCreated)}, info says ${dateCreated}`,
                  ]),
            ]
          }),
        )
        await signedBy(
          ctx,
          created,
          algorithm,
          answers(`the new credential signing (${algorithm})`, 200),
        )
        await remove(ctx, apiKey)
      })
    },
  },
  {
    kind: 'driver',
    id: 'lifecycle.regenerate',
    group: 'lifecycle',
    title:
      'after regenerateSecretKey the old secret gets 403 SignatureDoesNotMatch and the new one signs',
    writes: true,
    async run(ctx) {
      await ctx.property(fc.constantFrom(...ctx.algorithms), async (algorithm) => {
        const created = await ctx.createCredential()
        const rotated = await ctx.send(
          op(ctx, 'regenerateSecretKey'),
          { json: { apiKey: created.apiKey } },
          answersWith('regenerateSecretKey', 200, (body) => [
            ...(body.apiKey === created.apiKey
              ? []
              : [`names ${String(body.apiKey)}, not ${created.apiKey}`]),
            ...(typeof body.apiSecret === 'string' && body.apiSecret !== created.apiSecret
              ? []
              : ['gives no new apiSecret']),
          ]),
        )
        const renewed = {
          apiKey: created.apiKey,
          apiSecret: (JSON.parse(rotated.response.text) as { apiSecret: string }).apiSecret,
        }
        await signedBy(
          ctx,
          created,
          algorithm,
          answers(`the old secret after a regenerate (${algorithm})`, 403, 'SignatureDoesNotMatch'),
        )
        await signedBy(ctx, renewed, algorithm, answers(`the new secret (${algorithm})`, 200))
        await remove(ctx, created.apiKey)
      })
    },
  },
  {
    kind: 'driver',
    id: 'lifecycle.deactivate',
    group: 'lifecycle',
    title:
      'an inactive key gets 403 InvalidAPIKey until it is activated again, and then signs again',
    writes: true,
    async run(ctx) {
      await ctx.property(fc.constantFrom(...ctx.algorithms), async (algorithm) => {
        const created = await ctx.createCredential()
        await setStatus(ctx, created.apiKey, 'inactive')
        await signedBy(
          ctx,
          created,
          algorithm,
          answers(`an inactive key signing (${algorithm})`, 403, 'InvalidAPIKey'),
        )
        await statusIs(ctx, created.apiKey, 'inactive')
        await setStatus(ctx, created.apiKey, 'active')
        await signedBy(
          ctx,
          created,
          algorithm,
          answers(`a re-activated key signing (${algorithm})`, 200),
        )
        await remove(ctx, created.apiKey)
      })
    },
  },
  {
    kind: 'driver',
    id: 'lifecycle.delete',
    group: 'lifecycle',
    title:
      'after deleteCredential every operation that takes the key answers 404 naming it, and the key gets 403 InvalidAPIKey',
    writes: true,
    async run(ctx) {
      // Every operation that documents 404 looks a key up: each must answer 404 for a deleted one.
      const lookups = ctx.operations.filter((lookup) => Object.hasOwn(lookup.responses, '404'))
      const bodies = fc.tuple(
        ...lookups.map((lookup) =>
          validArbitrary(ctx.contract.document, requestSchema(lookup), {
            refOverrides: { [API_KEY_REF]: fc.constant(PLACEHOLDER) },
          }),
        ),
      )
      const cases = fc.tuple(fc.constantFrom(...ctx.algorithms), bodies)
      await ctx.property(cases, async ([algorithm, generated]) => {
        const created = await ctx.createCredential()
        const { apiKey } = created
        await remove(ctx, apiKey)
        for (const [index, lookup] of lookups.entries()) {
          const body = JSON.parse(JSON.stringify(generated[index]).replaceAll(PLACEHOLDER, apiKey))
          await ctx.send(
            lookup,
            { json: body },
            answersWith(`${lookup.operationId} of a deleted key`, 404, (answer) =>
              answer.apiKey === undefined || answer.apiKey === apiKey
                ? []
                : [`the 404 names ${String(answer.apiKey)}, not ${apiKey}`],
            ),
          )
        }
        await signedBy(
          ctx,
          created,
          algorithm,
          answers(`a deleted key signing (${algorithm})`, 403, 'InvalidAPIKey'),
        )
      })
    },
  },
]
