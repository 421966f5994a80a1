import { StorageUnavailableError } from '../../domain/storage-unavailable.js'
import { unavailableReason } from './unavailable.js'

/**
 * The longest a request waits on one step (a statement, or a transaction) before it gets its 503:
 * under the 5 s a client may wait, whatever the pool's and the driver's own timeouts add up to
 * when a connection is queued for, then opened, then queried on a server that hangs.
 */
export const STEP_DEADLINE_MS = 4_000

/** Runs one step of a PostgreSQL store (see stepRunner). */
export type RunStep = <T>(step: () => Promise<T>, deadlineMs?: number) => Promise<T>

/**
 * How every PostgreSQL store runs a step: a database that does not answer, at once or within
 * `deadlineMs`, becomes a StorageUnavailableError naming `where` (`host:port`). A step given up
 * on goes on by itself until the driver's timeouts end it: a transaction cut off there is rolled
 * back whole, and its answer goes to nobody.
 */
export function stepRunner(where: string): RunStep {
  return async <T>(step: () => Promise<T>, deadlineMs = STEP_DEADLINE_MS): Promise<T> => {
    const work = step()
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<never>((_, reject) => {
      if (!Number.isFinite(deadlineMs)) return
      timer = setTimeout(() => reject(new StorageUnavailableError(where, 'timeout')), deadlineMs)
    })
    // Heard here as well, so that a step that fails after its deadline is no unhandled rejection.
    work.catch(() => {})
    try {
      return await Promise.race([work, late])
    } catch (error) {
      if (error instanceof StorageUnavailableError) throw error
      const reason = unavailableReason(error)
      if (reason) throw new StorageUnavailableError(where, reason)
      throw error
    } finally {
      clearTimeout(timer)
    }
  }
}
