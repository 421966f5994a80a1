// Which driver errors mean "the database is not there right now" rather than "this query is
// wrong": those become StorageUnavailableError, and so 503 answers instead of 500s.

/** Socket errors of a server that cannot be reached. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])

/** What pg says, with no code, of a connection it lost. */
const LOST_CONNECTION = /^(Connection terminated|Client has encountered a connection error)/
/** ... of a connection it could not get in time, or a statement that got no answer in time. */
const TIMED_OUT = /^(timeout exceeded when trying to connect|Query read timeout)/

/**
 * SQLSTATEs of a server that cannot serve now: class 08 (connection exception), 53 (insufficient
 * resources: too many connections, disk full), 57P01-57P03 (shutting down, crashed, starting up),
 * 57014 (a statement cancelled by statement_timeout: the server is too slow now), and the two a
 * retry resolves (serialization failure, deadlock).
 */
function transientSqlState(code: string): boolean {
  return (
    code.startsWith('08') ||
    code.startsWith('53') ||
    ['57P01', '57P02', '57P03', '57014', '40001', '40P01'].includes(code)
  )
}

/** Why the database is unavailable, when the error says it is; undefined otherwise. */
export function unavailableReason(error: unknown): string | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  if (typeof code === 'string') {
    return NETWORK_CODES.has(code) || transientSqlState(code) ? code : undefined
  }
  if (typeof message === 'string' && LOST_CONNECTION.test(message)) return 'connection lost'
  if (typeof message === 'string' && TIMED_OUT.test(message)) return 'timeout'
  return undefined
}
