import type { OperationId, RouteTable } from '../domain/api-types.js'

/**
 * Path -> operation. Typed against the generated `paths`: a path added to or removed from the
 * spec, or an operation moved, fails to compile here.
 */
export const ROUTES = {
  '/credentials/createCredential': 'createCredential',
  '/credentials/getCredentialInfo': 'getCredentialInfo',
  '/credentials/regenerateSecretKey': 'regenerateSecretKey',
  '/credentials/getCredentialList': 'getCredentialList',
  '/credentials/updateCredentialStatus': 'updateCredentialStatus',
  '/credentials/deleteCredential': 'deleteCredential',
} as const satisfies RouteTable

export type RoutePath = keyof typeof ROUTES

export function operationOf(path: string): OperationId | undefined {
  return Object.hasOwn(ROUTES, path) ? ROUTES[path as RoutePath] : undefined
}
