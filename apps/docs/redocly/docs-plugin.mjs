// Redocly plugin for the docs build only: decorators that add what a reader needs to the bundled
// spec without editing spec/. Both run when `redocly build-docs` bundles the API.
import { existsSync, readFileSync } from 'node:fs'

/** Languages of the code-sample tabs, in tab order, with their file extension. */
export const SAMPLE_LANGUAGES = [
  { extension: 'sh', lang: 'Shell', label: 'curl' },
  { extension: 'ts', lang: 'TypeScript', label: 'TypeScript' },
  { extension: 'py', lang: 'Python', label: 'Python' },
]

const samplesDir = new URL('../samples/', import.meta.url)

/**
 * The part of Redocly's visitor context these decorators use.
 * @typedef {{ report: (problem: { message: string, location: unknown }) => void, location: { child: (path: string[]) => unknown } }} VisitorContext
 */

/**
 * Sets each operation's `x-codeSamples` from samples/<operationId>.{sh,ts,py}, the files the
 * tests run. A missing file fails the build: every operation documents all three languages.
 */
function codeSamples() {
  return {
    Operation: {
      /** @param {{ operationId: string, 'x-codeSamples'?: unknown }} operation @param {VisitorContext} context */
      leave(operation, { report, location }) {
        const samples = []
        for (const { extension, lang, label } of SAMPLE_LANGUAGES) {
          const file = new URL(`${operation.operationId}.${extension}`, samplesDir)
          if (!existsSync(file)) {
            report({
              message: `No ${label} sample for ${operation.operationId}: add apps/docs/samples/${operation.operationId}.${extension}`,
              location: location.child(['operationId']),
            })
            continue
          }
          samples.push({ lang, label, source: readFileSync(file, 'utf8').trimEnd() })
        }
        operation['x-codeSamples'] = samples
      },
    },
  }
}

const SECRETS_WARNING = `### Responses carry secrets

\`getCredentialInfo\` and \`getCredentialList\` return the \`apiSecret\` of every key they
describe, and \`createCredential\` and \`regenerateSecretKey\` return a new one. Treat these
responses like passwords: do not log them, cache them, put them in error reports or show them to
users. Store a new secret at once (in a secrets manager, not in source code) and regenerate it if
it leaks.`

/**
 * Redoc 3 shows a security scheme's description only behind each operation's "View security
 * details". This appends an "Authentication" section to info.description instead: the scheme's
 * complete signing guide (steps, worked example, rejections), then the secrets warning.
 */
function authenticationSection() {
  return {
    Root: {
      /** @param {{ info: { description?: string }, components?: { securitySchemes?: Record<string, { description?: string }> } }} root */
      leave(root) {
        const schemes = Object.values(root.components?.securitySchemes ?? {})
        const guide = schemes.map((scheme) => scheme.description ?? '').join('\n\n')
        root.info.description = [
          (root.info.description ?? '').trimEnd(),
          '## Authentication',
          guide.trim(),
          SECRETS_WARNING,
        ].join('\n\n')
      },
    },
  }
}

export default function docsPlugin() {
  return {
    id: 'docs',
    decorators: {
      oas3: {
        'code-samples': codeSamples,
        'authentication-section': authenticationSection,
      },
    },
  }
}
