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
};
export function operationOf(path) {
    return Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
}
