// Every text a run shows (the table, the reports, progress lines) goes through one Masker that
// knows every secret the run has seen: the signing secret, the secrets of the credentials it
// created or read, the wrong secrets it signed with. Signatures are lower-case hex runs of 32
// characters or more (the spec's HMAC-MD5 and HMAC-SHA256), masked wherever they stand.

export const MASK = '[redacted]'

const SIGNATURE_LIKE = /\b[0-9a-f]{32,}\b/g

export class Masker {
  readonly #secrets = new Set<string>()

  /** Remembers a secret; only non-empty strings of 8 characters or more are kept. */
  add(secret: string): void {
    if (secret.length >= 8) this.#secrets.add(secret)
  }

  secrets(): ReadonlySet<string> {
    return this.#secrets
  }

  mask(text: string): string {
    let masked = text
    for (const secret of this.#secrets) {
      if (masked.includes(secret)) masked = masked.replaceAll(secret, MASK)
    }
    return masked.replace(SIGNATURE_LIKE, MASK)
  }
}
