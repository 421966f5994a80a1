// @ts-check
// Which Host headers the docs server answers. A page served to any Host is open to DNS
// rebinding: a site whose name an attacker re-points at 127.0.0.1 would get the page, and with
// it the run's sandbox credential, from its own origin. So only the server's own names pass:
// the loopback names with its port, the interface it listens on, and names set for a hosted copy.

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']
/** Interfaces that are no name a browser could use: listening on them says nothing of the Host. */
const WILDCARD_INTERFACES = new Set(['0.0.0.0', '::', '[::]'])

/**
 * @param {{ port: number, listenHost: string, hostNames?: readonly string[] }} options
 *   `hostNames` are Host values accepted as they are (`docs.example.com`,
 *   `docs.example.com:8443`): the names a hosted copy is reached by.
 * @returns {{ allows: (host: string | undefined) => boolean, names: string[] }}
 */
export function allowedHosts({ port, listenHost, hostNames = [] }) {
  const listened =
    listenHost.includes(':') && !listenHost.startsWith('[') ? `[${listenHost}]` : listenHost
  const own = [...LOOPBACK_NAMES, ...(WILDCARD_INTERFACES.has(listened) ? [] : [listened])]
  const names = [
    ...new Set([
      ...own.flatMap((name) => (port === 80 ? [`${name}:80`, name] : [`${name}:${port}`])),
      ...hostNames,
    ]),
  ].map((name) => name.toLowerCase())
  const accepted = new Set(names)
  return {
    allows: (host) => host !== undefined && accepted.has(host.toLowerCase()),
    names,
  }
}
