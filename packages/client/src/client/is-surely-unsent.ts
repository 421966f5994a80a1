// Error codes and messages by which Node (undici), Bun and Deno report that no connection was
// made (or, for a `bad port`, that fetch refused to try), so the request cannot have reached the server. Browsers only say "Failed to fetch":
// there nothing counts as surely unsent.
const UNSENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ConnectionRefused',
  'FailedToOpenSocket',
])
const UNSENT_MESSAGE =
  /connection refused|bad port|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|dns error|failed to lookup address|getaddrinfo/i

/** True when a `fetch` rejection proves the request never reached a server. */
export function isSurelyUnsent(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && UNSENT_CODES.has(code)) return true
    if (UNSENT_MESSAGE.test(current.message)) return true
    current = current.cause
  }
  return false
}
