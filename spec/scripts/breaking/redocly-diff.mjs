// @ts-check
// `redocly diff` (Redocly CLI) between two OpenAPI files, read from its JSON report. Redocly
// rates every change by the semver bump it needs (major: breaks a consumer), following each
// schema to where the operations use it, in the request or the response direction.
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'

/** @typedef {'major' | 'minor' | 'patch'} Impact */

/**
 * @typedef {object} Verdict
 * @property {string} ruleId the diff rule that rated the change: `path-removed`, ...
 * @property {Impact} impact
 * @property {string} message
 * @property {{ pointer: string }} location where the changed node is written (a component,
 *   when the schema is shared)
 */

/**
 * @typedef {object} DiffChange
 * @property {string} path where a consumer first meets the change, through an operation
 * @property {'added' | 'removed' | 'modified'} kind
 * @property {Impact} impact
 * @property {string} [property] the keyword that changed, for `modified`
 * @property {Verdict[]} verdicts
 */

/**
 * The part of the JSON report (`reportVersion` 1) the gate reads.
 * @typedef {object} DiffReport
 * @property {{ base: string, revision: string }} infoVersions
 * @property {Record<Impact, number>} summary
 * @property {DiffChange[]} changes
 */

const run = promisify(execFile)
const manifest = createRequire(import.meta.url).resolve('@redocly/cli/package.json')
const REDOCLY = join(dirname(manifest), 'bin', 'cli.js')

/**
 * Runs `redocly diff <base> <revision> --format json`; throws with its output if it fails.
 * @param {string} base
 * @param {string} revision
 * @returns {Promise<DiffReport>}
 */
export async function redoclyDiff(base, revision) {
  // `--fail-on none`: the exit code says only whether the diff ran; the gate decides.
  const args = ['diff', resolve(base), resolve(revision), '--format', 'json', '--fail-on', 'none']
  let stdout
  try {
    ;({ stdout } = await run(process.execPath, [REDOCLY, ...args], {
      // Away from spec/redocly.yaml: its lint settings change how the diff rates changes.
      cwd: tmpdir(),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }))
  } catch (error) {
    const { stderr, stdout: out } = /** @type {{ stderr?: string, stdout?: string }} */ (error)
    // Without the boxed notices Redocly prints first (e.g. the Node.js deprecation banner).
    const said = `${stderr ?? ''}${out ?? ''}`.replace(/^\s*[╔║╚].*$\n?/gm, '').trim()
    throw new Error(`redocly diff ${base} ${revision} failed:\n${said || error}`)
  }
  const report = /** @type {DiffReport & { reportVersion?: string }} */ (JSON.parse(stdout))
  if (report.reportVersion !== '1') {
    throw new Error(
      `redocly diff wrote report version ${report.reportVersion}; the gate reads version 1`,
    )
  }
  return report
}
