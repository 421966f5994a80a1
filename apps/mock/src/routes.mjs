// @ts-check
// Which method and path the spec has an operation for. Prism answers any other in its own
// problem+json (NO_PATH_MATCHED_ERROR, NO_METHOD_MATCHED_ERROR), not in the spec's Error shape
// the mock's clients read, so the guard answers them itself, as the sandbox does: 404 NotFound
// for a path with no operation, 405 MethodNotAllowed (with Allow) for a method it has none for.

/** @typedef {import('./refusals.mjs').Refusal} Refusal */

/**
 * @param {readonly { path: string, method: string }[]} operations the spec's operations
 * @returns {(method: string | undefined, target: string) => Refusal | undefined}
 */
export function routeCheck(operations) {
  /** @type {Map<string, Set<string>>} path → its methods, in upper case */
  const methods = new Map()
  for (const { path, method } of operations) {
    const known = methods.get(path) ?? new Set()
    known.add(method.toUpperCase())
    methods.set(path, known)
  }
  const paths = [...methods.keys()]
  return (method = 'GET', target) => {
    const queryAt = target.indexOf('?')
    const path = queryAt === -1 ? target : target.slice(0, queryAt)
    const allowed = methods.get(path)
    if (!allowed) {
      return {
        status: 404,
        errorCode: 'NotFound',
        errorMessage: `No operation at this path. Operations are POST ${paths.join(', ')}.`,
        location: 'request',
      }
    }
    // OPTIONS is Prism's CORS preflight, for a browser calling the mock directly.
    if (allowed.has(method) || method === 'OPTIONS') return undefined
    const allow = [...allowed, 'OPTIONS'].join(', ')
    return {
      status: 405,
      errorCode: 'MethodNotAllowed',
      errorMessage: `This operation takes ${[...allowed].join(' or ')}, not this method.`,
      location: 'request',
      allow,
    }
  }
}
