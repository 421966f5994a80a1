// GET /healthz: whether this instance can serve, for a load balancer or an orchestrator. No
// token: it says nothing but ready or not. Ready means the database answers and holds the schema
// this code expects; it is checked on each call, never cached.
import type { Hono } from 'hono'
import type { Stores } from '../domain/storage.js'
import { StorageUnavailableError } from '../domain/storage-unavailable.js'
import { type Env, errorAnswer } from './context.js'
import { methodNotAllowed } from './method-not-allowed.js'

export const HEALTH_PATH = '/healthz'

export interface HealthParts {
  storage: Pick<Stores, 'readiness' | 'shared'>
}

export function addHealth(app: Hono<Env>, { storage }: HealthParts): void {
  app.get(HEALTH_PATH, async (c) => {
    const database = storage.shared ? 'postgresql' : 'sqlite'
    try {
      const readiness = await storage.readiness()
      if (readiness.ready) {
        return c.json({ status: 'ready', database, schemaVersion: readiness.schemaVersion }, 200)
      }
      return errorAnswer(
        c,
        503,
        'NotReady',
        `The database is at schema version ${readiness.schemaVersion}; this sandbox needs ${readiness.expected}.`,
      )
    } catch (error) {
      if (!(error instanceof StorageUnavailableError)) throw error
      return errorAnswer(c, 503, 'ServiceUnavailable', 'The database does not answer.')
    }
  })
  app.all(HEALTH_PATH, methodNotAllowed(HEALTH_PATH, ['GET', 'HEAD']))
}
