export function createHandlers(credentials) {
    const notFound = (apiKey) => ({
        status: 404,
        body: {
            apiKey,
            resultCode: 'ResourceNotFound',
            errorMessage: `No credential with apiKey ${apiKey} exists.`,
        },
    });
    const lastActive = (apiKey) => ({
        status: 409,
        body: {
            errorCode: 'LastActiveCredential',
            errorMessage: `${apiKey} is the account's last active credential; create or activate another one first.`,
        },
    });
    const guarded = (apiKey, outcome) => {
        if (outcome === 'not-found')
            return notFound(apiKey);
        if (outcome === 'last-active')
            return lastActive(apiKey);
        return { status: 200, body: { apiKey, resultCode: 'Success' } };
    };
    return {
        async createCredential() {
            return { status: 200, body: await credentials.create() };
        },
        async getCredentialInfo({ apiKey }) {
            const info = await credentials.info(apiKey);
            return info ? { status: 200, body: info } : notFound(apiKey);
        },
        async regenerateSecretKey({ apiKey }) {
            const keys = await credentials.regenerate(apiKey);
            return keys ? { status: 200, body: keys } : notFound(apiKey);
        },
        async getCredentialList() {
            return { status: 200, body: await credentials.list() };
        },
        async updateCredentialStatus({ apiKey, credentialStatus }) {
            return guarded(apiKey, credentials.updateStatus(apiKey, credentialStatus));
        },
        async deleteCredential({ apiKey }) {
            return guarded(apiKey, credentials.remove(apiKey));
        },
    };
}
