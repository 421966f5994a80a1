// Redocly plugin for the docs build only: decorators that add what a reader needs to the bundled
// spec without editing spec/. They run when `redocly build-docs` bundles the API.
import { readFileSync } from 'node:fs'
import { codeSamplesPath, readCodeSamples } from '../samples/code-samples.mjs'

/**
 * The part of Redocly's visitor context these decorators use.
 * @typedef {{ report: (problem: { message: string, location: unknown }) => void, location: { child: (path: string[]) => unknown } }} VisitorContext
 */

/**
 * Sets each operation's `x-codeSamples` from generated/code-samples.json (`pnpm generate` writes
 * it from the spec; the tests run every sample in it). An operation without samples fails the
 * build: every operation documents all three languages.
 */
function codeSamples() {
  const { operations } = readCodeSamples()
  return {
    Operation: {
      /** @param {{ operationId: string, 'x-codeSamples'?: unknown }} operation @param {VisitorContext} context */
      leave(operation, { report, location }) {
        const samples = operations[operation.operationId]
        if (!samples) {
          report({
            message: `No code samples for ${operation.operationId} in ${codeSamplesPath}: run \`pnpm generate\``,
            location: location.child(['operationId']),
          })
          return
        }
        operation['x-codeSamples'] = samples.map(({ lang, label, source }) => ({
          lang,
          label,
          source: source.join('\n'),
        }))
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

const guidesDir = new URL('../guides/', import.meta.url)

/** The guides appended to the page's introduction, in this order (files in guides/). */
export const GUIDES = ['rotate-key.md']

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

/**
 * Appends the guides (guides/*.md, each starting with its `##` heading) to info.description,
 * after the Authentication section: Redoc shows each as a section of the introduction, with its
 * own entry in the sidebar. The tests run the guides' TypeScript blocks against the sandbox.
 */
function guides() {
  return {
    Root: {
      /** @param {{ info: { description?: string } }} root */
      leave(root) {
        const texts = GUIDES.map((file) => readFileSync(new URL(file, guidesDir), 'utf8').trim())
        root.info.description = [(root.info.description ?? '').trimEnd(), ...texts].join('\n\n')
      },
    },
  }
}

/** The page of the sandbox's control API, built beside this one (src/build-page.mjs). */
export const CONTROL_PAGE = 'sandbox-control.html'

/**
 * Ends the introduction with a pointer to the sandbox's control API, which has its own page: it
 * steers the sandbox in tests and is not part of the Credentials API.
 */
function controlApiLink() {
  return {
    Root: {
      /** @param {{ info: { description?: string } }} root */
      leave(root) {
        const link = [
          '## Testing against the sandbox',
          '',
          'The sandbox (`@solapi/credentials-sandbox`) implements this API for real. Its',
          `[control API](${CONTROL_PAGE}) resets it, adds accounts and fixture credentials, moves`,
          'its clock, makes requests fail on purpose and lists the requests it received.',
        ].join('\n')
        root.info.description = [(root.info.description ?? '').trimEnd(), link].join('\n\n')
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
        guides,
        'control-api-link': controlApiLink,
      },
    },
  }
}
