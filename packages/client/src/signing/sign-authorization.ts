import { createSigner, type SignerOptions, type SignInput } from './create-signer.ts'

export type SignAuthorizationOptions = SignerOptions & SignInput

/**
 * Signs one request for any HTTP tool. Returns the full `Authorization` header value:
 * `HMAC-SHA256 apiKey=<key>, date=<ISO 8601>, salt=<salt>, signature=<hex HMAC(apiSecret, date + salt)>`.
 * Call it once per request (retries included): a signature is accepted only once.
 *
 * @throws {ValidationError} for an empty apiKey or apiSecret, an unknown algorithm, a salt outside
 *   12-64 characters of `A-Z a-z 0-9 _ -`, or a date that is not ISO 8601 with a time zone.
 */
export function signAuthorization(options: SignAuthorizationOptions): string {
  return createSigner(options)(options)
}
