// What a `database` setting names: a PostgreSQL server (a `postgres://` or `postgresql://` URL)
// or a SQLite file (any other value, `:memory:` included).

const POSTGRES_URL = /^postgres(ql)?:\/\//i

export function isPostgresUrl(database: string): boolean {
  return POSTGRES_URL.test(database)
}

/**
 * A PostgreSQL URL as it may be shown (start line, logs, errors): its password and query string
 * left out. `where` is the server alone, `host:port`, for one-line errors.
 */
export function describePostgresUrl(url: string): { location: string; where: string } {
  const afterScheme = url.slice(url.indexOf('://') + 3).split('?', 1)[0] ?? ''
  const at = afterScheme.lastIndexOf('@')
  const user = at === -1 ? '' : (afterScheme.slice(0, at).split(':', 1)[0] ?? '')
  const rest = at === -1 ? afterScheme : afterScheme.slice(at + 1)
  const slash = rest.indexOf('/')
  const server = slash === -1 ? rest : rest.slice(0, slash)
  const database = slash === -1 ? '' : rest.slice(slash)
  const host = server || 'localhost'
  return {
    location: `postgres://${user ? `${user}@` : ''}${host}${database}`,
    where: /:\d+$/.test(host) ? host : `${host}:5432`,
  }
}
