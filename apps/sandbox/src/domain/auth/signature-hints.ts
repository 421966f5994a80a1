// The codes of `hint` on `403 SignatureDoesNotMatch`, as the spec lists them in `x-solapi-hints`
// of its Error schema. The doctor names only codes the spec documents: a code dropped from the
// spec (or misspelt here) stops the sandbox at load rather than answer with an undocumented one.
import { credentialsContract } from '@solapi/credentials-spec'

export const SIGNATURE_HINTS = [
  'salt-before-date',
  'other-algorithm',
  'uppercase-hex',
  'base64-signature',
  'secret-whitespace',
  'apikey-as-secret',
  'date-format',
  'previous-secret',
  'other-key-secret',
] as const

export type SignatureHint = (typeof SIGNATURE_HINTS)[number]

/** A known signing mistake the refused signature matches, as the answer and the journal give it. */
export interface Diagnosis {
  hint: SignatureHint
  /** Says which mistake and how to fix it; never a secret nor any part of a signature. */
  message: string
}

const documented = Object.keys(
  credentialsContract.document.components?.schemas?.Error?.properties?.hint?.['x-solapi-hints'] ??
    {},
)
const undocumented = SIGNATURE_HINTS.filter((hint) => !documented.includes(hint))
if (undocumented.length > 0) {
  throw new Error(`spec: x-solapi-hints of Error.hint does not list ${undocumented.join(', ')}`)
}
