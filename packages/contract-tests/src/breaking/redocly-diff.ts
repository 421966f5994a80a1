// `redocly diff` (Redocly CLI) between two OpenAPI files, read from its JSON report. Redocly
// rates every change by the semver bump it needs (major: breaks a consumer), following each
// schema to where the operations use it, in the request or the response direction.
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'

export type Impact = 'major' | 'minor' | 'patch'

export interface Verdict {
  /** The diff rule that rated the change: `path-removed`, `enum-values-removed`, ... */
  ruleId: string
  impact: Impact
  message: string
  /** Where the changed node is written (a component, when the schema is shared). */
  location: { pointer: string }
}

export interface DiffChange {
  /** Where a consumer first meets the change, through an operation (a `#/...` pointer). */
  path: string
  kind: 'added' | 'removed' | 'modified'
  impact: Impact
  /** The keyword that changed, for `modified`. */
  property?: string
  verdicts: Verdict[]
}

/** The part of the JSON report (`reportVersion` 1) the gate reads. */
export interface DiffReport {
  infoVersions: { base: string; revision: string }
  summary: Record<Impact, number>
  changes: DiffChange[]
}

const run = promisify(execFile)
const manifest = createRequire(import.meta.url).resolve('@redocly/cli/package.json')
const REDOCLY = join(dirname(manifest), 'bin', 'cli.js')

/** Runs `redocly diff <base> <revision> --format json`; throws with its output if it fails. */
export async function redoclyDiff(base: string, revision: string): Promise<DiffReport> {
  // `--fail-on none`: the exit code says only whether the diff ran; the gate decides.
  const args = ['diff', base, revision, '--format', 'json', '--fail-on', 'none']
  let stdout: string
  try {
    ;({ stdout } = await run(process.execPath, [REDOCLY, ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }))
  } catch (error) {
    const { stderr, stdout: out } = error as { stderr?: string; stdout?: string }
    // Without the boxed notices Redocly prints first (e.g. the Node.js deprecation banner).
    const said = `${stderr ?? ''}${out ?? ''}`.replace(/^\s*[╔║╚].*$\n?/gm, '').trim()
    throw new Error(`redocly diff ${base} ${revision} failed:\n${said || error}`)
  }
  const report = JSON.parse(stdout) as DiffReport & { reportVersion?: string }
  if (report.reportVersion !== '1') {
    throw new Error(
      `redocly diff wrote report version ${report.reportVersion}; the gate reads version 1`,
    )
  }
  return report
}
