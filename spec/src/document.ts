// The bundled spec (`pnpm generate` writes dist/openapi.json from the hand-written sources).
// Imported as JSON so that Node, Bun, Deno and bundlers all load it without a file system call.
import bundled from '../dist/openapi.json' with { type: 'json' }
import control from '../dist/sandbox-control.json' with { type: 'json' }
import type { OpenApiDocument } from './types.js'

/** The bundled OpenAPI document of the Credentials API, exactly as published. */
export const credentialsDocument: OpenApiDocument = bundled as unknown as OpenApiDocument

/** The sandbox's control API (`/_sandbox/...`), a separate document: not part of the API. */
export const sandboxControlDocument: OpenApiDocument = control as unknown as OpenApiDocument
