/** The signal of one attempt: aborted by the per-attempt timeout or by the caller's signal. */
export interface AttemptSignal {
  signal: AbortSignal
  /** Rejects with the abort reason once the signal fires; never resolves. */
  aborted: Promise<never>
  timedOut(): boolean
  dispose(): void
}

// Built by hand rather than with AbortSignal.any/timeout so that the timer is cleared as soon as
// the attempt ends and no listener is left on the caller's long-lived signal.
export function attemptSignal(timeoutMs: number, callerSignal?: AbortSignal): AttemptSignal {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new DOMException(`attempt timed out after ${timeoutMs} ms`, 'TimeoutError'))
  }, timeoutMs)
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {
      once: true,
    })
  })
  aborted.catch(() => {}) // observed through Promise.race; never an unhandled rejection
  const onAbort = () => controller.abort(callerSignal?.reason)
  if (callerSignal?.aborted) onAbort()
  else callerSignal?.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    aborted,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer)
      callerSignal?.removeEventListener('abort', onAbort)
    },
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
