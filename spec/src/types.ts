// The bundled document is read generically: these types name the parts the toolkit reads and
// leave every other keyword open, because JSON Schema and OpenAPI both allow extensions.

/** A JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it) or an OpenAPI object: any keywords. */
// biome-ignore lint/suspicious/noExplicitAny: schemas are open-ended JSON read keyword by keyword
export type SchemaObject = { [keyword: string]: any }

/** A JSON Schema may also be the boolean `true` (anything) or `false` (nothing). */
export type Schema = SchemaObject | boolean

export interface OpenApiDocument {
  openapi: string
  info: { title?: string; version: string; [key: string]: unknown }
  paths: Record<string, SchemaObject>
  components?: Record<string, Record<string, SchemaObject>>
  [key: string]: unknown
}
