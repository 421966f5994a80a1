import type { Context, MiddlewareHandler } from 'hono'
import type { Journal, JournalEntry } from '../domain/journal.js'
import type { Env } from './context.js'
import { operationOf } from './routes.js'

/**
 * Records each Credentials API request in the journal once it is answered: the status (0 when a
 * fault dropped it) and what signedRequest found, never a body, a secret or a signature.
 */
export function requestJournal(
  journal: Journal,
  { now, dropped }: { now: () => number; dropped: WeakSet<Request> },
): MiddlewareHandler<Env> {
  return async (c, next) => {
    const arrivedByCopy = now()
    await next()
    const status = dropped.has(c.req.raw) ? 0 : c.res.status
    journal.record(journalEntry(c, c.get('arrived') ?? arrivedByCopy, status))
  }
}

function journalEntry(c: Context<Env>, arrived: number, status: number): JournalEntry {
  const signed = c.get('signed')
  const faultId = c.get('faultId')
  const diagnosis = c.get('diagnosis')
  return {
    time: new Date(arrived).toISOString(),
    method: c.req.method,
    path: c.req.path,
    operation: operationOf(c.req.path) ?? null,
    status,
    errorCode: c.get('errorCode') ?? null,
    apiKey: signed?.apiKey ?? null,
    authorization: signed?.maskedAuthorization ?? null,
    ...(faultId ? { faultId } : {}),
    // The doctor's sentence holds no secret and no part of a signature (signature-doctor.ts).
    ...(diagnosis ? { diagnosis } : {}),
  }
}
