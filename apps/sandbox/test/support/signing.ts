import { createHmac, randomBytes } from 'node:crypto'
import { signAuthorization } from '@solapi/credentials-client'
import { type AuthorizationParts, credentialsContract } from '@solapi/credentials-spec'

/** The documented test credential (README): only ever used against a local sandbox. */
export const TEST_CREDENTIAL = {
  apiKey: 'NCSSANDBOXTEST01',
  apiSecret: 'SANDBOXTESTSECRET000000000000001',
} as const

export interface Credential {
  apiKey: string
  apiSecret: string
}

export type Algorithm = 'HMAC-SHA256' | 'HMAC-MD5'

export function freshSalt(length = 24): string {
  return randomBytes(64).toString('base64url').slice(0, length)
}

/** A header signed by the client package: the normal way a consumer signs. */
export function clientHeader(
  credential: Credential,
  input: { date?: Date | string; salt?: string; algorithm?: Algorithm } = {},
): string {
  return signAuthorization({
    apiKey: credential.apiKey,
    apiSecret: credential.apiSecret,
    algorithm: input.algorithm ?? 'HMAC-SHA256',
    date: input.date ?? new Date(),
    salt: input.salt ?? freshSalt(),
  })
}

/**
 * A header signed by hand with node:crypto and laid out by the spec module, for inputs the client
 * refuses to sign (a salt out of range) or to tamper with a part after signing.
 */
export function handHeader(
  credential: Credential,
  input: { date: string; salt: string; algorithm?: Algorithm; signature?: string },
): string {
  return credentialsContract.formatAuthorization(handParts(credential, input))
}

/** The parts of a hand-signed header (see handHeader). */
export function handParts(
  credential: Credential,
  input: { date: string; salt: string; algorithm?: Algorithm; signature?: string },
): AuthorizationParts {
  const algorithm = input.algorithm ?? 'HMAC-SHA256'
  const signature =
    input.signature ??
    createHmac(algorithm === 'HMAC-MD5' ? 'md5' : 'sha256', credential.apiSecret)
      .update(input.date + input.salt)
      .digest('hex')
  return { algorithm, apiKey: credential.apiKey, date: input.date, salt: input.salt, signature }
}

/** The parts of a well-formed header, read by the spec module's parser. */
export function partsOf(header: string): AuthorizationParts {
  const parsed = credentialsContract.parseAuthorization(header)
  if (!parsed.ok) throw new Error(`not a well-formed Authorization header: ${parsed.message}`)
  return parsed.value
}

export async function post(
  baseUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers }
}

/** POST signed with a fresh client signature. */
export function signedPost(baseUrl: string, path: string, body: unknown, credential: Credential) {
  return post(baseUrl, path, body, { authorization: clientHeader(credential) })
}
