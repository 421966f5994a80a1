// The bundled spec, the single source of truth: request schemas and signing rules are read from
// it at start-up so that the sandbox cannot drift from what the docs and the client say.
import bundled from '@solapi/credentials-spec/openapi.json' with { type: 'json' };
export const openApiDocument = bundled;
export function readSigningRules(document = openApiDocument) {
    const rules = document.components.securitySchemes.hmacAuthorization?.['x-solapi-signing'];
    if (!rules || !Array.isArray(rules.algorithms) || typeof rules.maxClockSkewSeconds !== 'number') {
        throw new Error('spec: components.securitySchemes.hmacAuthorization.x-solapi-signing is missing');
    }
    return rules;
}
