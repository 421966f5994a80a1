// Which driver errors mean "the database is not there right now" rather than "this query is
// wrong": those become StorageUnavailableError, and so 503 answers instead of 500s.

/** Socket errors, and postgres.js's own codes for a connection it lost or never made. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
])

/**
 * SQLSTATEs of a server that cannot serve now: class 08 (connection exception), 53 (insufficient
 * resources: too many connections, disk full), 57P01-57P03 (shutting down, crashed, starting up),
 * and the two a retry resolves (serialization failure, deadlock).
 */
function transientSqlState(code: string): boolean {
  return (
    code.startsWith('08') ||
    code.startsWith('53') ||
    ['57P01', '57P02', '57P03', '40001', '40P01'].includes(code)
  )
}

/** The error's code when it means the database is unavailable; undefined otherwise. */
export function unavailableReason(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code
  if (typeof code !== 'string') return undefined
  return CONNECTION_CODES.has(code) || transientSqlState(code) ? code : undefined
}
