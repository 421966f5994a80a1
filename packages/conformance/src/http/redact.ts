// Secrets never reach a report: every `apiSecret` in a body is masked before anything is
// printed (Authorization headers are masked with the client's `redactAuthorization`).

const MASK = '[redacted]'

/** A deep copy of a JSON value with the value of every `apiSecret` key masked. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, /secret/i.test(key) ? MASK : redactSecrets(v)]),
  )
}

/** Masks secret-looking JSON members in raw text that may not parse (or ends mid-value). */
export function redactText(text: string): string {
  return text.replace(/("[^"]*secret[^"]*"\s*:\s*)"[^"]*(?:"|$)/gi, `$1"${MASK}"`)
}
