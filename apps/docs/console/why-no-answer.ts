// Why a call got no answer the page may read. fetch says only "TypeError: Failed to fetch" for
// a server that is down, one that refuses this page by CORS, and a browser that blocks a public
// page from reaching this machine (Private Network Access) or an http server from an https page
// (mixed content). The page's and the server's addresses tell the last two apart; a second,
// no-cors request tells the first two: it resolves (with an opaque answer) when something
// answered, and fails when nothing did. It fails too when the page's Content-Security-Policy
// refuses the server (the docs server's policy allows only some origins, see
// src/server/connect-origins.mjs); the browser reports that refusal as an event, which tells it
// apart from a server that did not answer.

export type NoAnswer =
  | 'docs-server'
  | 'mixed-content'
  | 'cors'
  | 'unreachable'
  | 'private-network'
  | 'private-network-or-unreachable'
  | 'private-network-insecure'
  | 'content-security-policy'

/** Where a host is, in the order of Private Network Access: a page may reach its own space and out. */
type AddressSpace = 'loopback' | 'private' | 'public'

const SPACE_RANK: Record<AddressSpace, number> = { loopback: 0, private: 1, public: 2 }

export function addressSpace(hostname: string): AddressSpace {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return 'loopback'
  const ipv4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host)
  if (ipv4) {
    const [a, b] = [Number(ipv4[1]), Number(ipv4[2])]
    if (a === 127) return 'loopback'
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private'
    if (a === 169 && b === 254) return 'private'
    return 'public'
  }
  if (/^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host)) return 'private'
  if (host.endsWith('.local')) return 'private'
  return 'public'
}

export interface Attempt {
  /** The page's own address (location.href). */
  page: URL
  /** The server, as the reader chose it (its URL). */
  server: string
  /** Where the request went. */
  target: URL
  /** Whether it went through this docs server's proxy. */
  proxied: boolean
}

/** Which reason it is. `answered` is what the no-cors probe found (undefined: not asked). */
export function classify({ page, target, proxied }: Attempt, answered?: boolean): NoAnswer {
  if (proxied) return 'docs-server'
  const fromSpace = addressSpace(page.hostname)
  const toSpace = addressSpace(target.hostname)
  // Browsers count http://127.0.0.1 and http://localhost as secure; other http hosts are not.
  if (page.protocol === 'https:' && target.protocol === 'http:' && toSpace !== 'loopback') {
    return 'mixed-content'
  }
  const inward = SPACE_RANK[toSpace] < SPACE_RANK[fromSpace]
  if (inward && answered) return 'private-network'
  // Chrome never lets a plain-http page reach a more private address, not even with no-cors.
  if (inward)
    return page.protocol === 'http:' ? 'private-network-insecure' : 'private-network-or-unreachable'
  return answered ? 'cors' : 'unreachable'
}

/** Whether the probe has to be sent to tell the reasons apart. */
export const needsProbe = (attempt: Attempt) => {
  const kind = classify(attempt)
  return kind !== 'docs-server' && kind !== 'mixed-content'
}

const START_SANDBOX =
  'Is the sandbox running? Start it with `npx @solapi/credentials-sandbox` (it listens on ' +
  'http://127.0.0.1:4011; PORT=<port> for another port), or check the URL.'

const LOCAL_DOCS =
  'Or open the docs on this machine with `pnpm start`: the docs server starts the mock and the ' +
  'sandbox and forwards to them.'

/**
 * The explanation the console shows, in one paragraph that starts with the server's URL.
 * `allowed` is where the page's policy lets it connect (for 'content-security-policy').
 */
export function explain(kind: NoAnswer, { page, server, target }: Attempt, allowed: string[] = []) {
  const origin = page.origin
  if (kind === 'content-security-policy') {
    return `No answer from ${server}: ${refusedByPolicy(origin, target.origin, allowed)}`
  }
  return `No answer from ${server}: ${reason(kind, origin)}`
}

function refusedByPolicy(origin: string, target: string, allowed: string[]): string {
  const sources = allowed.map((source) => (source === "'self'" ? origin : source)).join(', ')
  return (
    'blocked by this page’s Content-Security-Policy, so nothing was sent: this docs server ' +
    `lets the page connect only to ${sources || 'its own origin'}. Pick one of those (for ` +
    'this machine, 127.0.0.1 or localhost), host the page statically (dist/index.html, which ' +
    `sets no policy), or start the docs server with DOCS_CONNECT_ORIGINS=${target}.`
  )
}

function reason(kind: Exclude<NoAnswer, 'content-security-policy'>, origin: string): string {
  switch (kind) {
    case 'docs-server':
      return (
        `this docs server (${origin}), which forwards to the local servers, did not answer. ` +
        'Is `pnpm start` still running? Start it again and reload the page.'
      )
    case 'mixed-content':
      return (
        'blocked by the browser as mixed content: this page is https and the server plain ' +
        'http, so the browser does not send it. Use the server’s https URL, or open the docs ' +
        'over http on this machine (`pnpm start`).'
      )
    case 'cors':
      return (
        `refused by CORS: the server answered, but does not let pages of ${origin} read its ` +
        `answers. If it is the sandbox, start it with SANDBOX_CORS_ORIGINS=${origin} (a ` +
        'comma-separated list; by default it grants pages on this machine and the hosted ' +
        'docs). Any other ' +
        `server has to answer with Access-Control-Allow-Origin: ${origin}.`
      )
    case 'unreachable':
      return `cannot reach it, nothing answered there. ${START_SANDBOX} ${LOCAL_DOCS}`
    case 'private-network':
      return (
        `refused by Private Network Access: the server answered, but this page (${origin}) is ` +
        'on the public internet and the server on your machine or network, which the browser ' +
        'allows only when the server grants it (Access-Control-Allow-Private-Network in its ' +
        'CORS answer) and, in Chrome, once you allow the site to access your local network. ' +
        `The sandbox grants it to the origins of SANDBOX_CORS_ORIGINS: start it with ` +
        `SANDBOX_CORS_ORIGINS=${origin}. ${LOCAL_DOCS}`
      )
    case 'private-network-insecure':
      return (
        `blocked by Private Network Access, or nothing answers there: this page (${origin}) is ` +
        'plain http on an address that is not this machine, and Chrome never lets such a page ' +
        'reach a server on your machine or local network. Open the docs over https, or on ' +
        `this machine. ${LOCAL_DOCS} In another browser: ${START_SANDBOX}`
      )
    case 'private-network-or-unreachable':
      return (
        `cannot reach it from this page (${origin}): either nothing answers there, or the ` +
        'browser keeps this public page from reaching your machine (Private Network Access: ' +
        'allow the site to access your local network when the browser asks; Safari blocks ' +
        `http://127.0.0.1 from an https page as mixed content). ${START_SANDBOX} ${LOCAL_DOCS}`
      )
  }
}

/** How long the probe may take: a host that drops packets never answers. */
const PROBE_TIMEOUT_MS = 5_000

/**
 * Whether anything answers at `url`: a no-cors HEAD (no headers, no body, no cookies; the
 * opaque answer is not read) resolves when a server answered, whatever it said.
 */
export async function answers(url: URL): Promise<boolean> {
  try {
    await fetch(url, {
      method: 'HEAD',
      mode: 'no-cors',
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    })
    return true
  } catch {
    return false
  }
}

/**
 * The connect-src refusals of this page's policy so far, by the origin refused: its sources.
 * Listened to from the start, since the browser reports a refusal a task after fetch rejects.
 */
const refusedOrigins = new Map<string, string[]>()
if (typeof document !== 'undefined') {
  document.addEventListener('securitypolicyviolation', (event) => {
    if (event.effectiveDirective !== 'connect-src' || !URL.canParse(event.blockedURI)) return
    refusedOrigins.set(new URL(event.blockedURI).origin, connectSources(event.originalPolicy))
  })
}

/** The sources of a policy's connect-src (or of its default-src, when it has none). */
export function connectSources(policy: string): string[] {
  const directives = new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name = '', ...sources]) => [name.toLowerCase(), sources] as const),
  )
  return directives.get('connect-src') ?? directives.get('default-src') ?? []
}

/** Resolves after the tasks queued so far, among them a refusal the browser has yet to report. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0))

/** Why the call to `attempt.target` got no answer, in words: probes when it has to. */
export async function whyNoAnswer(attempt: Attempt): Promise<{ kind: NoAnswer; message: string }> {
  const answered = needsProbe(attempt) ? await answers(attempt.target) : undefined
  if (answered === false) {
    await nextTask()
    const allowed = refusedOrigins.get(attempt.target.origin)
    if (allowed) {
      const kind = 'content-security-policy'
      return { kind, message: explain(kind, attempt, allowed) }
    }
  }
  const kind = classify(attempt, answered)
  return { kind, message: explain(kind, attempt) }
}
