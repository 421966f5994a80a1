// The choices of the "Server" field: every server of the spec, each with where a request really
// goes (the docs server's proxy when it forwards to that server, else the server's own URL) and
// the credential to fill in when it is chosen.
import type { ConsoleConfig, ConsoleData, Credential } from './page-data.ts'

export interface ServerChoice {
  url: string
  label: string
  /** Where requests go: a same-origin path prefix, or the server's URL. */
  base: string
  proxied: boolean
  credential: Credential
}

const NO_CREDENTIAL: Credential = { apiKey: '', apiSecret: '' }

export function serverChoices(data: ConsoleData, config: ConsoleConfig): ServerChoice[] {
  return data.servers.map(({ url, name, local }) => {
    const proxy = local && config.proxied?.[local]
    return {
      url,
      label: proxy ? `${name}: ${url}, through this docs server` : `${name}: ${url}`,
      base: proxy || url,
      proxied: Boolean(proxy),
      credential:
        (local && (config.credentials?.[local] ?? data.credentials[local])) || NO_CREDENTIAL,
    }
  })
}

/** The local sandbox when the docs server forwards to it (`pnpm start`), else the mock. */
export function defaultServer(data: ConsoleData, config: ConsoleConfig): string {
  const preferred = config.proxied?.sandbox ? 'sandbox' : 'mock'
  const server = data.servers.find(({ local }) => local === preferred) ?? data.servers[0]
  return server?.url ?? ''
}
