// What the console remembers for the tab (sessionStorage, so that a reload or a link within the
// docs keeps it, and closing the tab forgets it): the chosen server, a typed server URL and the
// API key. Never the secret: it is typed again after a reload.

export interface Remembered {
  server?: string
  customUrl?: string
  apiKey?: string
}

const KEY = 'solapi-try'

/** What this tab remembered, or nothing when storage is off or holds something else. */
export function recall(): Remembered {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '{}')
    if (typeof stored !== 'object' || stored === null) return {}
    const { server, customUrl, apiKey } = stored as Record<string, unknown>
    return {
      ...(typeof server === 'string' ? { server } : {}),
      ...(typeof customUrl === 'string' ? { customUrl } : {}),
      ...(typeof apiKey === 'string' ? { apiKey } : {}),
    }
  } catch {
    // Storage disabled (a private window's settings) or not JSON: start afresh.
    return {}
  }
}

/** Remembers these fields (and only these: the type has no place for a secret). */
export function remember({ server, customUrl, apiKey }: Remembered) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ server, customUrl, apiKey }))
  } catch {
    // Storage disabled or full: the console still works, it forgets on reload.
  }
}
