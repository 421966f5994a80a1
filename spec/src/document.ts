// The bundled spec (`pnpm generate` writes dist/openapi.json from the hand-written sources).
// Imported as JSON so that Node, Bun, Deno and bundlers all load it without a file system call.
import bundled from '../dist/openapi.json' with { type: 'json' }
import type { OpenApiDocument } from './types.js'

/** The bundled OpenAPI document of the Credentials API, exactly as published. */
export const credentialsDocument: OpenApiDocument = bundled as unknown as OpenApiDocument
