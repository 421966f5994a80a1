// The bundled document is walked generically: these types name the parts the contract code
// reads and leave every other keyword open, because JSON Schema and OpenAPI allow extensions.

/** A JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it) or an OpenAPI object: any keywords. */
// biome-ignore lint/suspicious/noExplicitAny: schemas are open-ended JSON walked by keyword
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
