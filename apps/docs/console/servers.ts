// The choices of the "Server" field: every server of the spec, each with where a request really
// goes (the docs server's proxy when it forwards to that server, else the server's own URL) and
// the credential to fill in when it is chosen; and last, a server URL the reader types in (a
// sandbox on another port or host, a staging server).
import type { ConsoleConfig, ConsoleData, Credential } from './page-data.ts'

export interface ServerChoice {
  /** The value of the "Server" field: the spec's URL, or CUSTOM_SERVER. */
  value: string
  /** Where the server is, as the reader knows it (the typed URL for a custom one). */
  url: string
  label: string
  /** Where requests go: a same-origin path prefix, or the server's URL. */
  base: string
  proxied: boolean
  credential: Credential
}

/** The "Server" value of a URL the reader types in. */
export const CUSTOM_SERVER = 'custom'

export const NO_CREDENTIAL: Credential = { apiKey: '', apiSecret: '' }

export function serverChoices(data: ConsoleData, config: ConsoleConfig): ServerChoice[] {
  return data.servers.map(({ url, name, local }) => {
    const proxy = local && config.proxied?.[local]
    return {
      value: url,
      url,
      label: proxy ? `${name}: ${url}, through this docs server` : `${name}: ${url}`,
      base: proxy || url,
      proxied: Boolean(proxy),
      credential:
        (local && (config.credentials?.[local] ?? data.credentials[local])) || NO_CREDENTIAL,
    }
  })
}

/** The label of the custom choice in the "Server" field. */
export const CUSTOM_LABEL = 'Another server: type its URL'

/** The custom choice for a typed URL; called directly, never through a proxy. */
export function customChoice(url: string): ServerChoice {
  const trimmed = url.trim()
  return {
    value: CUSTOM_SERVER,
    url: trimmed,
    label: CUSTOM_LABEL,
    // `http://host:4011/` and `http://host:4011` both mean the server's root.
    base: trimmed.replace(/\/+$/, ''),
    proxied: false,
    credential: NO_CREDENTIAL,
  }
}

/** Why a typed server URL cannot be used, or undefined when it can. */
export function customUrlProblem(url: string): string | undefined {
  const trimmed = url.trim()
  if (trimmed === '') return 'is empty: type the URL of the server, such as http://127.0.0.1:4011'
  if (!URL.canParse(trimmed)) return `"${trimmed}" is not a URL, such as http://127.0.0.1:4011`
  const parsed = new URL(trimmed)
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `must be an http or https URL, not ${parsed.protocol}`
  }
  if (parsed.search || parsed.hash) return 'must have no ?query or #fragment'
  // fetch refuses such a URL, and a password does not belong in a form that is remembered.
  if (parsed.username || parsed.password) return 'must have no user name or password in it'
  return undefined
}

/** The local sandbox when the docs server forwards to it (`pnpm start`), else the mock. */
export function defaultServer(data: ConsoleData, config: ConsoleConfig): string {
  const preferred = config.proxied?.sandbox ? 'sandbox' : 'mock'
  const server = data.servers.find(({ local }) => local === preferred) ?? data.servers[0]
  return server?.url ?? ''
}
