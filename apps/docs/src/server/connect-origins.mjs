// @ts-check
// Where the "Try it" console of a page served here may send requests (the page's connect-src),
// besides its own origin (the proxy) and the spec's servers.
//
// connect-src is there so that a script that got into the page could not send the credential
// it holds (the sandbox's test credential, a secret the reader typed) to a host of its choosing.
// A typed server URL ("Another server") is called directly, so its origin has to be allowed too:
// - this machine's servers on any port, at 127.0.0.1 and localhost: that is where the sandbox
//   the console is for runs (on another port, a second one, a branch's build), and a request
//   there stays on the reader's machine, so allowing it gives an attacker no way out;
// - [::1] cannot be listed: Chromium refuses IPv6 addresses in a source list (and says so on the
//   console at every load), so a reader types localhost for it instead;
// - any other host only when whoever runs the server names it (DOCS_CONNECT_ORIGINS, the
//   `connectOrigins` option), since that is where a credential would leave the machine. Other
//   typed hosts are refused by the browser, and the console says so and names these two ways.

/** This machine's servers, on any port. */
export const LOOPBACK_CONNECT_SOURCES = Object.freeze(['http://127.0.0.1:*', 'http://localhost:*'])

/**
 * The configured origins, checked: each has to be an http or https origin (scheme, host and
 * optional port, nothing after), the one thing a source list can name exactly.
 * @param {readonly string[]} values e.g. `https://staging.example.com`, `http://10.0.0.5:4011`
 * @param {string} [from] where they came from, for the error (`DOCS_CONNECT_ORIGINS`)
 * @returns {string[]}
 */
export function checkedConnectOrigins(values, from = 'connectOrigins') {
  return [
    ...new Set(
      values.map((value) => {
        const url = URL.canParse(value) ? new URL(value) : undefined
        if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
          throw new Error(`docs: ${from}: "${value}" is not an http or https origin`)
        }
        if (url.origin !== value.replace(/\/$/, '')) {
          throw new Error(
            `docs: ${from}: "${value}" is not an origin: scheme, host and port only (${url.origin})`,
          )
        }
        if (url.hostname.startsWith('[')) {
          throw new Error(
            `docs: ${from}: "${value}" cannot be allowed: browsers ignore IPv6 addresses in a Content-Security-Policy; use a host name`,
          )
        }
        return url.origin
      }),
    ),
  ]
}

/**
 * Whether the loopback sources already allow an origin.
 * @param {string} origin
 */
export function loopbackAllows(origin) {
  const { protocol, hostname } = new URL(origin)
  return protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost')
}
