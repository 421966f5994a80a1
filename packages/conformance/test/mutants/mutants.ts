// The mutants: each breaks one thing the spec promises, in front of a real sandbox, and names
// the check that must catch it.
import { signAuthorization } from '@solapi/credentials-client'
import { credentialsContract } from '@solapi/credentials-spec'
import { type Answer, editJson, type Mutation, type Traffic } from '../support/mutating-proxy.js'

export interface Mutant {
  mutation: Mutation
  /** The check the kit must fail, naming it. */
  caughtBy: string
  /** Checks that rightly fail too (the break reaches what they expect); no other may. */
  alsoBreaks: string[]
}

const path = (traffic: Traffic) => traffic.path.split('?')[0] ?? ''
const isOperation = (traffic: Traffic, operationId: string) =>
  path(traffic) === credentialsContract.operation(operationId).path
const jsonCode = (answer: Answer): string | undefined => {
  try {
    return JSON.parse(answer.body.toString('utf8')).errorCode
  } catch {
    return undefined
  }
}

export function mutants(credential: { apiKey: string; apiSecret: string }): Mutant[] {
  return [
    {
      caughtBy: 'response.status-documented',
      // A 410 is no documented business outcome: reads and deletes of unknown keys meet it.
      alsoBreaks: [
        'valid.accepted',
        'auth.date-inside-window',
        'auth.replayed-signature',
        'auth.algorithms',
        'lifecycle.delete',
      ],
      mutation: {
        name: 'an undocumented status: 404 ResourceNotFound answered as 410 Gone',
        response: (answer) => (answer.status === 404 ? { ...answer, status: 410 } : answer),
      },
    },
    {
      caughtBy: 'response.schema',
      alsoBreaks: [],
      mutation: {
        name: 'an extra response field where the schema forbids one (getCredentialInfo 200)',
        response: (answer, traffic) =>
          answer.status === 200 && isOperation(traffic, 'getCredentialInfo')
            ? editJson(answer, (body) => ({ ...body, internalId: 42 }))
            : answer,
      },
    },
    {
      caughtBy: 'response.schema',
      // It compares the listed dateCreated with getCredentialInfo's.
      alsoBreaks: ['lifecycle.create'],
      mutation: {
        name: 'a missing required field (dateCreated in each getCredentialList entry)',
        response: (answer, traffic) =>
          answer.status === 200 && isOperation(traffic, 'getCredentialList')
            ? editJson(answer, (body) => {
                for (const entry of Object.values(body.credentials as Record<string, object>)) {
                  delete (entry as { dateCreated?: string }).dateCreated
                }
              })
            : answer,
      },
    },
    (() => {
      // Answers a replayed signature with the answer its first use got (a 200), as a server
      // without a replay cache would.
      const answered = new Map<string, Answer>()
      const key = (traffic: Traffic) => `${path(traffic)} ${String(traffic.headers.authorization)}`
      return {
        caughtBy: 'auth.replayed-signature',
        alsoBreaks: [],
        mutation: {
          name: 'a 200 for a replayed signature',
          request: (traffic) => answered.get(key(traffic)) ?? traffic,
          response: (answer, traffic) => {
            if (answer.status === 200 && traffic.headers.authorization) {
              answered.set(key(traffic), answer)
            }
            return answer
          },
        },
      }
    })(),
    {
      caughtBy: 'invalid.malformed-json',
      alsoBreaks: [],
      mutation: {
        name: 'a 500 on malformed JSON',
        response: (answer) =>
          answer.status === 400 && jsonCode(answer) === 'InvalidJSON'
            ? {
                ...answer,
                status: 500,
                body: Buffer.from(
                  JSON.stringify({ errorCode: 'InternalError', errorMessage: 'Unexpected token.' }),
                ),
              }
            : answer,
      },
    },
    {
      caughtBy: 'leak.secret-echo',
      alsoBreaks: [],
      mutation: {
        name: 'a secret echoed in an error (403 messages quote the secret of the signing key)',
        response: (answer) =>
          answer.status === 403
            ? editJson(answer, (body) => ({
                ...body,
                errorMessage: `${String(body.errorMessage)} Expected a signature by ${credential.apiSecret}.`,
              }))
            : answer,
      },
    },
    {
      caughtBy: 'auth.date-outside-window',
      alsoBreaks: [],
      mutation: {
        name: 'an accepted date outside the window (re-signed with a current date on the way)',
        request: (traffic) => {
          const parsed = credentialsContract.parseAuthorization(traffic.headers.authorization)
          const skewMs = credentialsContract.signing.maxClockSkewSeconds * 1000
          if (
            !parsed.ok ||
            parsed.value.apiKey !== credential.apiKey ||
            Math.abs(parsed.value.dateMs - Date.now()) <= skewMs
          ) {
            return traffic
          }
          const authorization = signAuthorization({
            ...credential,
            algorithm: parsed.value.algorithm as 'HMAC-SHA256',
          })
          return { ...traffic, headers: { ...traffic.headers, authorization } }
        },
      },
    },
  ]
}
