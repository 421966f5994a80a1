import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { createAuthenticator } from './auth/authenticator.js';
import { ReplayCache } from './auth/replay-cache.js';
import { createHandlers } from './handlers.js';
import { readBodyWithLimit } from './http/read-body.js';
import { createRequestValidator } from './http/request-validator.js';
import { ROUTES } from './routes.js';
import { openApiDocument, readSigningRules } from './spec.js';
/** The spec's limit on request bodies (413 PayloadTooLarge above it). */
export const MAX_BODY_BYTES = 16 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/**
 * The sandbox as a web-standard `fetch(Request) => Response`. Each request is checked in this
 * order, and the first failure answers: route (404) -> method (405) -> Authorization (401/403)
 * -> Content-Type (415) -> size (413) -> JSON (400 InvalidJSON) -> schema (400
 * ValidationError) -> business rules (404/409). Nothing before the business rules writes to the
 * database.
 */
export function createApp(options) {
    const { credentials, logger } = options;
    const now = options.now ?? Date.now;
    const rules = readSigningRules(openApiDocument);
    const replayCache = new ReplayCache(options.replayCapacity ?? 262_144);
    const authenticate = createAuthenticator({ rules, credentials, replayCache, now });
    const validate = createRequestValidator(openApiDocument);
    const handlers = createHandlers(credentials);
    const app = new Hono({ strict: true });
    app.use('*', async (c, next) => {
        const started = performance.now();
        const incoming = c.req.header('x-request-id');
        const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        c.set('requestId', requestId);
        c.set('operation', undefined);
        await next();
        c.header('X-Request-Id', requestId);
        c.header('Cache-Control', 'no-store');
        c.header('Date', new Date(now()).toUTCString());
        logger.info('request', {
            requestId,
            method: c.req.method,
            path: c.req.path,
            operation: c.get('operation') ?? null,
            status: c.res.status,
            durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        });
    });
    for (const [path, operation] of Object.entries(ROUTES)) {
        app.post(path, async (c) => {
            c.set('operation', operation);
            const auth = await authenticate(c.req.header('authorization') ?? null);
            if (!auth.ok)
                return error(c, auth.failure.status, auth.failure.errorCode, auth.failure.errorMessage);
            const contentType = c.req.header('content-type');
            if (!isJson(contentType)) {
                return error(c, 415, 'UnsupportedMediaType', `Content-Type must be application/json, got ${contentType ? contentType.slice(0, 60) : 'none'}.`);
            }
            const body = await readBodyWithLimit(c.req.raw, MAX_BODY_BYTES);
            if (!body.ok) {
                return body.reason === 'too-large'
                    ? error(c, 413, 'PayloadTooLarge', `The request body is larger than ${MAX_BODY_BYTES} bytes.`)
                    : error(c, 400, 'InvalidJSON', 'Request body is not valid UTF-8.');
            }
            let parsed;
            try {
                parsed = JSON.parse(body.text);
            }
            catch (cause) {
                return error(c, 400, 'InvalidJSON', describeJsonError(body.text, cause));
            }
            const validation = validate(operation, parsed);
            if (!validation.ok) {
                const summary = validation.errors.map((e) => `${e.field || '(body)'} ${e.message}`).join('; ');
                return error(c, 400, 'ValidationError', `Request body is invalid: ${summary}`, validation.errors);
            }
            const reply = await dispatch(operation, parsed);
            return c.json(reply.body, reply.status);
        });
        app.all(path, (c) => {
            c.set('operation', operation);
            c.header('Allow', 'POST');
            return error(c, 405, 'MethodNotAllowed', `${c.req.method} is not allowed on ${path}; use POST.`);
        });
    }
    app.notFound((c) => error(c, 404, 'NotFound', `No operation at ${c.req.path}. Operations are POST ${Object.keys(ROUTES).join(', ')}.`));
    app.onError((cause, c) => {
        logger.error('unhandled', {
            requestId: c.get('requestId'),
            path: c.req.path,
            error: cause instanceof Error ? cause.name : 'Error',
        });
        return error(c, 500, 'InternalError', `Internal error (request id ${c.get('requestId')}).`);
    });
    // Correlates the operation with its handler; the handler map itself is checked per operation.
    function dispatch(operation, body) {
        const handler = handlers[operation];
        return handler(body);
    }
    return app;
}
function error(c, status, errorCode, errorMessage, errors) {
    return c.json(errors ? { errorCode, errorMessage, errors } : { errorCode, errorMessage }, status);
}
function isJson(contentType) {
    if (!contentType)
        return false;
    const type = contentType.split(';', 1)[0]?.trim().toLowerCase();
    return type === 'application/json';
}
/** The parser's position, never the body itself (it might hold something private). */
function describeJsonError(text, cause) {
    if (text.trim() === '')
        return 'Request body is empty; send a JSON object such as {}.';
    const position = /position (\d+)/.exec(String(cause?.message))?.[1];
    return position
        ? `Request body is not valid JSON: syntax error at position ${position}.`
        : 'Request body is not valid JSON.';
}
