import { credentialsContract } from '@solapi/credentials-spec'
import { describe, expect, it } from 'vitest'
import { secretDocumentation } from '../../../src/http/secrets.js'

describe('secretDocumentation', () => {
  const documents = secretDocumentation(credentialsContract)
  const op = (id: string) => credentialsContract.operation(id)

  it('finds the answers the spec gives a secret in', () => {
    for (const id of [
      'createCredential',
      'getCredentialInfo',
      'regenerateSecretKey',
      'getCredentialList',
    ]) {
      expect(documents(op(id), 200), id).toBe(true)
    }
  })

  it('finds none in the other answers', () => {
    for (const id of ['updateCredentialStatus', 'deleteCredential']) {
      expect(documents(op(id), 200), id).toBe(false)
    }
    for (const o of credentialsContract.operations) {
      for (const status of Object.keys(o.responses).filter((s) => s !== '200')) {
        expect(documents(o, Number(status)), `${o.operationId} ${status}`).toBe(false)
      }
    }
    expect(documents(op('getCredentialInfo'), 418)).toBe(false)
  })
})
