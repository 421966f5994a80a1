// What the console knows, read from two JSON elements of the page: the build writes the spec's
// operations and servers (#solapi-try-data); the docs server, when `pnpm start` runs it, fills
// in which local servers it proxies and the sandbox's test credential (#solapi-try-config).

export type LocalServer = 'mock' | 'sandbox'

export interface Credential {
  apiKey: string
  apiSecret: string
}

export interface ConsoleOperation {
  operationId: string
  summary: string
  method: string
  path: string
  /** The operation's first named request example, as pretty JSON. */
  example: string
}

export interface ConsoleServer {
  url: string
  /** A short name: the start of the spec's description. */
  name: string
  local?: LocalServer
}

/** Written by the build from the spec (apps/docs/src/console-data.mjs). */
export interface ConsoleData {
  operations: ConsoleOperation[]
  servers: ConsoleServer[]
  /** Public pairs to start with: the spec's worked example for the mock. */
  credentials: Partial<Record<LocalServer, Credential>>
}

/** Written by the docs server (apps/docs/src/serve-docs.mjs); `{}` in the built page. */
export interface ConsoleConfig {
  /** Same-origin path prefixes the docs server forwards to each local server. */
  proxied?: Partial<Record<LocalServer, string>>
  /** The test credential each proxied server accepts. */
  credentials?: Partial<Record<LocalServer, Credential>>
}

export function readJson<T>(id: string): T {
  const element = document.getElementById(id)
  if (!element?.textContent) throw new Error(`Try it: the page has no #${id}`)
  return JSON.parse(element.textContent) as T
}
