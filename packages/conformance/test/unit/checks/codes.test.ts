// The codes the kit expects are the spec's: each is valid in the documented error body of its
// status, for every operation (a renamed code in the spec fails here, not against a server).
import { credentialsContract } from '@solapi/credentials-spec'
import { describe, expect, it } from 'vitest'
import { AUTH_FAULT_CODES } from '../../../src/arbitraries/authorization.js'
import { REFUSALS } from '../../../src/checks/valid.js'

const validator = credentialsContract.validator()

describe('the error codes the auth checks expect', () => {
  it.each(Object.entries(AUTH_FAULT_CODES))('%s: %o', (_fault, { status, code }) => {
    for (const op of credentialsContract.operations) {
      const verdict = validator.response(op.operationId, status, {
        errorCode: code,
        errorMessage: 'x',
      })
      expect(verdict.errors, `${op.operationId} ${status} ${code}`).toEqual([])
    }
  })

  it('include the four 403 codes of the scheme, and both 401 codes', () => {
    const codes = (status: number) =>
      new Set(
        Object.values(AUTH_FAULT_CODES)
          .filter((c) => c.status === status)
          .map((c) => c.code),
      )
    expect(codes(401)).toEqual(new Set(['MissingAuthorization', 'MalformedAuthorization']))
    expect(codes(403)).toEqual(
      new Set([
        'InvalidAPIKey',
        'SignatureDoesNotMatch',
        'RequestTimeTooSkewed',
        'DuplicatedSignature',
      ]),
    )
  })
})

describe('the refusals a valid request must never get', () => {
  it('are documented by every operation, so that the rest of its 4xx are business outcomes', () => {
    for (const op of credentialsContract.operations) {
      for (const status of REFUSALS) expect(Object.keys(op.responses)).toContain(String(status))
    }
    const business = credentialsContract.operations.flatMap((op) =>
      Object.keys(op.responses).filter((s) => s.startsWith('4') && !REFUSALS.has(Number(s))),
    )
    expect(new Set(business)).toEqual(new Set(['404', '409']))
  })
})
