// Which answers the spec documents a secret in: those whose schema reaches the ApiSecret schema
// (the created, read, listed and regenerated credentials). Everywhere else a secret is a leak.
import { type Contract, type Operation, responseFor } from '@solapi/credentials-spec'

/** Where the spec's response schemas name an API secret. */
export const API_SECRET_REF = '#/components/schemas/ApiSecret'

/** `(op, status) → whether the documented answer carries an apiSecret`, cached. */
export function secretDocumentation(contract: Contract) {
  const cache = new Map<string, boolean>()
  return (op: Operation, status: number): boolean => {
    const key = `${op.operationId} ${status}`
    let documented = cache.get(key)
    if (documented === undefined) {
      const content = responseFor(op, status)?.content ?? {}
      documented = Object.values(content).some((media) =>
        contract.reaches(media.schema, API_SECRET_REF),
      )
      cache.set(key, documented)
    }
    return documented
  }
}
