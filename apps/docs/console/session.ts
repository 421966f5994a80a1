// The fields every operation's console shares: pick a server or type a key once, and every
// console has it. The server, a typed server URL and a typed key are remembered for the tab
// (remembered.ts); the secret is held in memory only, so it is gone with the page.
import type { Credential } from './page-data.ts'
import { recall, remember } from './remembered.ts'
import { CUSTOM_SERVER, customChoice, NO_CREDENTIAL, type ServerChoice } from './servers.ts'

export type SharedField = 'server' | 'customUrl' | 'apiKey' | 'apiSecret'

export interface Session {
  readonly values: Record<SharedField, string>
  choice(): ServerChoice
  set(field: SharedField, value: string): void
  /** Calls `render` after every change. */
  subscribe(render: () => void): void
}

export function createSession(choices: ServerChoice[], initial: string): Session {
  const byValue = new Map(choices.map((choice) => [choice.value, choice]))
  const known = (value: string | undefined): value is string =>
    value === CUSTOM_SERVER || (value !== undefined && byValue.has(value))
  const credentialOf = (value: string) => byValue.get(value)?.credential ?? NO_CREDENTIAL

  const recalled = recall()
  const server = [recalled.server, initial, choices[0]?.value].find(known)
  if (!server) throw new Error('Try it: the spec lists no server')
  const credential = credentialOf(server)
  const apiKey = recalled.apiKey ?? credential.apiKey
  const values: Record<SharedField, string> = {
    server,
    customUrl: recalled.customUrl ?? '',
    apiKey,
    // The page's own test credential comes back with its key; a typed secret is not remembered.
    apiSecret: apiKey === credential.apiKey ? credential.apiSecret : '',
  }
  const listeners = new Set<() => void>()
  const untouched = (before: Credential) =>
    values.apiKey === before.apiKey && values.apiSecret === before.apiSecret

  return {
    values,
    choice: () => byValue.get(values.server) ?? customChoice(values.customUrl),
    set(field, value) {
      // A new server brings its own credential, unless the reader typed one in.
      if (field === 'server' && value !== values.server && untouched(credentialOf(values.server))) {
        const after = credentialOf(value)
        values.apiKey = after.apiKey
        values.apiSecret = after.apiSecret
      }
      values[field] = value
      // A key the page itself filled in (a test credential of `pnpm start`, which changes with
      // every start) is not remembered: the page fills in the current one after a reload.
      const typed = values.apiKey !== credentialOf(values.server).apiKey
      remember({
        server: values.server,
        customUrl: values.customUrl,
        ...(typed ? { apiKey: values.apiKey } : {}),
      })
      for (const render of listeners) render()
    },
    subscribe(render) {
      listeners.add(render)
    },
  }
}
