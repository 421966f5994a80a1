// The fields every operation's console shares: pick a server or type a key once, and every
// console has it. Held in memory only: nothing is written to storage, cookies or the URL, so the
// key and secret are gone with the page.
import type { Credential } from './page-data.ts'
import type { ServerChoice } from './servers.ts'

export type SharedField = 'server' | 'apiKey' | 'apiSecret'

export interface Session {
  readonly values: Record<SharedField, string>
  choice(): ServerChoice
  set(field: SharedField, value: string): void
  /** Calls `render` after every change. */
  subscribe(render: () => void): void
}

export function createSession(choices: ServerChoice[], initial: string): Session {
  const byUrl = new Map(choices.map((choice) => [choice.url, choice]))
  const first = byUrl.get(initial) ?? choices[0]
  if (!first) throw new Error('Try it: the spec lists no server')
  const values = { server: first.url, ...first.credential }
  const listeners = new Set<() => void>()
  const untouched = (credential: Credential) =>
    values.apiKey === credential.apiKey && values.apiSecret === credential.apiSecret

  return {
    values,
    choice: () => byUrl.get(values.server) ?? first,
    set(field, value) {
      if (field === 'server') {
        const before = byUrl.get(values.server)
        const after = byUrl.get(value)
        // A new server brings its own credential, unless the reader typed one in.
        if (after && (!before || untouched(before.credential))) {
          values.apiKey = after.credential.apiKey
          values.apiSecret = after.credential.apiSecret
        }
      }
      values[field] = value
      for (const render of listeners) render()
    },
    subscribe(render) {
      listeners.add(render)
    },
  }
}
