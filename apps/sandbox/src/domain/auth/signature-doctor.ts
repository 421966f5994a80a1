// The signature doctor: when a signature is refused, it redoes the signature the ways people
// get it wrong and names the one mistake that matches (the spec's `hint` codes). Each try is one
// HMAC compared in constant time with the received signature; what it answers is a fixed
// sentence with only what the caller sent or may know (algorithm names, the date it sent, the
// apiKey of a key of its own account, when a secret changed), never a secret nor any part of
// the signature the sandbox expected.
import { createHmac } from 'node:crypto'
import {
  credentialsContract,
  type ParsedAuthorization,
  type SigningAlgorithmRule,
} from '@solapi/credentials-spec'
import type { AccountNumber } from '../storage.js'
import type { PreviousSecrets } from './previous-secrets.js'
import type { Sibling } from './sibling-secrets.js'
import type { Diagnosis, SignatureHint } from './signature-hints.js'
import { NODE_HASH, sameText } from './verify-signature.js'

/** Other keys of the account tried at most, so that a refusal costs a bounded number of HMACs. */
export const MAX_SIBLINGS_TRIED = 50

export interface DoctorSources {
  previous?: Pick<PreviousSecrets, 'lookup'>
  siblings?: (account: AccountNumber, apiKey: string, limit: number) => Promise<Sibling[]>
}

export type RefusedSignature = Pick<
  ParsedAuthorization,
  'algorithm' | 'rule' | 'apiKey' | 'date' | 'dateMs' | 'salt' | 'signature'
>

export type SignatureDoctor = (
  auth: RefusedSignature,
  signer: { account: AccountNumber; secret: string },
) => Promise<Diagnosis | undefined>

/** What people wrap a secret in when they read it from a file or an environment variable. */
const SECRET_WRAPPINGS: { name: string; wrap: (secret: string) => string }[] = [
  { name: 'a trailing line feed (\\n)', wrap: (s) => `${s}\n` },
  { name: 'a trailing CR LF (\\r\\n)', wrap: (s) => `${s}\r\n` },
  { name: 'a trailing space', wrap: (s) => `${s} ` },
  { name: 'a trailing tab', wrap: (s) => `${s}\t` },
  { name: 'a leading space', wrap: (s) => ` ${s}` },
]

/** Other ways to write the instant a header's date names, as other libraries print dates. */
const DATE_FORMS: { name: string; write: (ms: number) => string }[] = [
  { name: 'ISO 8601 with milliseconds', write: (ms) => new Date(ms).toISOString() },
  {
    name: 'ISO 8601 without milliseconds',
    write: (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  },
  { name: 'epoch milliseconds', write: (ms) => String(ms) },
  { name: 'epoch seconds', write: (ms) => String(Math.floor(ms / 1000)) },
  { name: 'an HTTP date (toUTCString)', write: (ms) => new Date(ms).toUTCString() },
]

export function createSignatureDoctor(sources: DoctorSources = {}): SignatureDoctor {
  return async (auth, signer) =>
    localMistake(auth, signer.secret) ?? (await keptSecretMistake(auth, signer, sources))
}

/** The mistakes that need nothing but the request and the key's secret. */
function localMistake(auth: RefusedSignature, secret: string): Diagnosis | undefined {
  const { algorithm, rule, apiKey, date, salt, signature } = auth
  const hexDigits = `${rule.signatureHexLength} lower-case hex digits`
  const right = digest(rule, secret, date + salt)
  if (!right) return undefined
  if (sameText(signature, right.toString('hex').toUpperCase())) {
    return found(
      'uppercase-hex',
      `The signature is right but in upper-case hex: send ${hexDigits}.`,
    )
  }
  if (
    sameText(signature, right.toString('base64')) ||
    sameText(signature, right.toString('base64url'))
  ) {
    return found(
      'base64-signature',
      `The signature is right but in base64: send the HMAC digest as ${hexDigits}.`,
    )
  }
  if (isHexOf(signature, digest(rule, secret, salt + date))) {
    return found(
      'salt-before-date',
      `The signature does not match ${algorithm}(apiSecret, date + salt) but is ${algorithm}(apiSecret, salt + date): sign the date first, then the salt.`,
    )
  }
  for (const other of credentialsContract.signing.algorithms) {
    if (other.name !== rule.name && isHexOf(signature, digest(other, secret, date + salt))) {
      return found(
        'other-algorithm',
        `The signature is ${other.name}, but the header names ${algorithm}: sign with ${algorithm}, or name ${other.name} in the header.`,
      )
    }
  }
  for (const { name, wrap } of SECRET_WRAPPINGS) {
    if (isHexOf(signature, digest(rule, wrap(secret), date + salt))) {
      return found(
        'secret-whitespace',
        `The signature was made with the apiSecret plus ${name}: trim the secret (as read from a file or an environment variable) before signing.`,
      )
    }
  }
  if (isHexOf(signature, digest(rule, apiKey, date + salt))) {
    return found(
      'apikey-as-secret',
      `The signature was made with the apiKey as the HMAC key: the key is the apiSecret, ${algorithm}(apiSecret, date + salt).`,
    )
  }
  for (const { name, write } of DATE_FORMS) {
    const written = write(auth.dateMs)
    if (written !== date && isHexOf(signature, digest(rule, secret, written + salt))) {
      return found(
        'date-format',
        `The signature was made over the date written as ${name} (${written}), but the header sends date=${date}: sign the date exactly as the header sends it.`,
      )
    }
  }
  return undefined
}

/** The mistakes of signing with another secret the sandbox keeps: the key's last, a sibling's. */
async function keptSecretMistake(
  auth: RefusedSignature,
  signer: { account: AccountNumber; secret: string },
  sources: DoctorSources,
): Promise<Diagnosis | undefined> {
  const { rule, apiKey, date, salt, signature } = auth
  const previous = await sources.previous?.lookup(apiKey, signer.secret)
  if (previous && isHexOf(signature, digest(rule, previous.secret, date + salt))) {
    return found(
      'previous-secret',
      `The signature was made with the secret ${apiKey} had before regenerateSecretKey replaced it at ${new Date(previous.changedAt).toISOString()}: sign with the apiSecret regenerateSecretKey returned.`,
    )
  }
  const siblings = (await sources.siblings?.(signer.account, apiKey, MAX_SIBLINGS_TRIED)) ?? []
  for (const sibling of siblings) {
    if (isHexOf(signature, digest(rule, sibling.secret, date + salt))) {
      return found(
        'other-key-secret',
        `The signature was made with the apiSecret of ${sibling.apiKey}, another key of this account: sign ${apiKey}'s requests with ${apiKey}'s own apiSecret, or send apiKey=${sibling.apiKey}.`,
      )
    }
  }
  return undefined
}

function digest(rule: SigningAlgorithmRule, key: string, data: string): Buffer | undefined {
  const hash = NODE_HASH[rule.hash]
  return hash ? createHmac(hash, key).update(data).digest() : undefined
}

function isHexOf(signature: string, candidate: Buffer | undefined): boolean {
  return candidate !== undefined && sameText(signature, candidate.toString('hex'))
}

function found(hint: SignatureHint, message: string): Diagnosis {
  return { hint, message }
}
