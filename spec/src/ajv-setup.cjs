// The one Ajv configuration of the toolkit (JSON Schema draft 2020-12, with formats), used by
// scripts/generate-validators.mjs to write the bundled documents' validators ahead of time and by
// validator.ts to compile, on first use, a schema no generated validator covers (another
// document's, or a pointer the generator does not list). CommonJS, so that Ajv is required
// synchronously inside createAjv, on its first call, instead of when the package is imported:
// loading Ajv's compiler is most of what importing this package would otherwise cost a process
// that starts (the sandbox, the command line).

/** The id the document is added under; every compiled schema is a `$ref` into it. */
const DOCUMENT_ID = 'openapi.json'

/**
 * Keywords Ajv must know but that validate nothing: those a Schema Object may carry in OpenAPI,
 * and the fields of the document's root, which Ajv reads as a schema when it resolves a `$ref`.
 */
const OPENAPI_KEYWORDS = [
  'discriminator',
  'xml',
  'externalDocs',
  'example',
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'security',
  'tags',
  'paths',
  'webhooks',
  'components',
]

/**
 * An Ajv that holds `document`, ready to compile `schemaRef(pointer)` for any schema in it.
 * @param {object} document
 * @param {import('ajv').Options} [extra] options on top (the generator asks for source code)
 * @returns {import('ajv/dist/2020.js').Ajv2020}
 */
function createAjv(document, extra = {}) {
  const { Ajv2020 } = require('ajv/dist/2020.js')
  const addFormats = require('ajv-formats').default
  // Strict: a typo in a schema keyword fails at compile time instead of validating nothing.
  // Not strictTypes: it refuses valid JSON Schema that another document may hold (a type list,
  // OpenAPI 3.1's way to write nullable; `required` in an allOf part without its own `type`).
  // Redocly's lint (no-schema-type-mismatch) checks the types of the spec itself.
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: false,
    allErrors: true,
    // Each error carries its schema, which names what an anyOf's branches or a `not` ask for.
    verbose: true,
    validateSchema: false,
    ...extra,
  })
  addFormats(ajv)
  ajv.addVocabulary([...OPENAPI_KEYWORDS, ...extensionKeywords(document)])
  ajv.addSchema(document, DOCUMENT_ID)
  return ajv
}

/**
 * The schema that validates against the document's schema at `pointer`.
 * @param {string} pointer a JSON Pointer into the document
 */
function schemaRef(pointer) {
  return { $ref: `${DOCUMENT_ID}#${encodeURI(pointer)}` }
}

/**
 * The document's own annotations (`x-original-description`, ...), which strict Ajv must know.
 * @param {unknown} node
 * @param {Set<string>} [found]
 * @returns {Set<string>}
 */
function extensionKeywords(node, found = new Set()) {
  if (Array.isArray(node)) {
    for (const item of node) extensionKeywords(item, found)
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key)
      extensionKeywords(value, found)
    }
  }
  return found
}

module.exports = { createAjv, schemaRef }
