// Request bodies are validated against the spec's own JSON Schemas (draft 2020-12), so the
// sandbox accepts exactly what the spec documents. Each failure names the field (JSON Pointer)
// and the rule (the JSON Schema keyword), as the spec's FieldError says.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ROUTES } from '../routes.js';
export function createRequestValidator(document) {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(ajv);
    // The spec's own annotations (x-original-description, ...) are not validation keywords.
    ajv.addVocabulary([...collectExtensionKeywords(document.components.schemas)]);
    ajv.addKeyword('components');
    ajv.addSchema({ $id: 'openapi.json', components: { schemas: document.components.schemas } });
    const validators = new Map();
    for (const [path, operation] of Object.entries(ROUTES)) {
        const post = document.paths[path]?.post;
        const ref = post?.requestBody?.content?.['application/json']?.schema?.$ref;
        if (!ref)
            throw new Error(`spec: ${path} has no application/json request schema $ref`);
        validators.set(operation, ajv.compile({ $ref: `openapi.json${ref}` }));
    }
    return (operation, body) => {
        const validate = validators.get(operation);
        if (!validate)
            throw new Error(`no validator for ${operation}`);
        if (validate(body))
            return { ok: true };
        return { ok: false, errors: (validate.errors ?? []).map(toFieldError) };
    };
}
function toFieldError(error) {
    const params = error.params;
    switch (error.keyword) {
        case 'required':
            return {
                field: `${error.instancePath}/${escapePointer(String(params.missingProperty))}`,
                rule: 'required',
                message: 'is required',
            };
        case 'additionalProperties': {
            const name = String(params.additionalProperty);
            return {
                field: `${error.instancePath}/${escapePointer(name)}`,
                rule: 'additionalProperties',
                message: 'is not a field of this request (unknown fields are refused so typos are not ignored)',
            };
        }
        case 'enum':
            return {
                field: error.instancePath,
                rule: 'enum',
                message: `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`,
            };
        default:
            return { field: error.instancePath, rule: error.keyword, message: error.message ?? 'is invalid' };
    }
}
function escapePointer(segment) {
    return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
function collectExtensionKeywords(node, found = new Set()) {
    if (Array.isArray(node)) {
        for (const item of node)
            collectExtensionKeywords(item, found);
    }
    else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('x-'))
                found.add(key);
            collectExtensionKeywords(value, found);
        }
    }
    return found;
}
