// @ts-check
// Reading an Authorization header in a test, through the spec's own grammar.
import { credentialsContract } from '@solapi/credentials-spec'

/**
 * The parts of a well-formed header; throws naming what is wrong otherwise.
 * @param {string | null | undefined} header
 * @returns {import('@solapi/credentials-spec').ParsedAuthorization}
 */
export function parseAuthorizationHeader(header) {
  const parsed = credentialsContract.parseAuthorization(header)
  if (!parsed.ok) throw new Error(`${parsed.code}: ${parsed.message}`)
  return parsed.value
}
