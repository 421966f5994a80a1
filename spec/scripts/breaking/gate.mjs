// @ts-check
// The release gate over `redocly diff`: changes Redocly rates major (they break a consumer of
// the last release) pass only when the new `info.version` bumps the major version. Redocly's
// own `--check-version` also demands a minor bump for additions, which a spec between
// releases never has, so the rule is applied here.
import { redoclyDiff } from './redocly-diff.mjs'

/** @typedef {import('./redocly-diff.mjs').DiffChange} DiffChange */
/** @typedef {import('./redocly-diff.mjs').DiffReport} DiffReport */

/**
 * @typedef {object} GateResult
 * @property {boolean} ok
 * @property {string} baseVersion
 * @property {string} headVersion
 * @property {boolean} majorBumped
 * @property {DiffChange[]} breaking rated major: break a consumer of the baseline
 * @property {DiffChange[]} additive rated minor: additions
 * @property {DiffChange[]} other rated patch: neither (descriptions, examples, values a
 *   response no longer sends)
 * @property {string} report one line per change, ending with the verdict
 */

/** @param {string} version */
export function majorOf(version) {
  const match = /^v?(\d+)\.\d+\.\d+(?:[-+].*)?$/.exec(version.trim())
  if (!match) {
    throw new Error(`info.version "${version}" is not a semantic version (MAJOR.MINOR.PATCH)`)
  }
  return Number(match[1])
}

/**
 * `rule at <where a consumer meets it> (defined at <component>): message`.
 * @param {DiffChange} change
 */
export function formatChange(change) {
  const rules = [...new Set(change.verdicts.map((v) => v.ruleId))]
  const definedAt = change.verdicts[0]?.location.pointer
  const where =
    definedAt && definedAt !== change.path && !definedAt.startsWith(`${change.path}/`)
      ? ` (defined at ${definedAt})`
      : ''
  const what = change.property ? `${change.kind} ${change.property}` : change.kind
  const messages = change.verdicts.map((v) => v.message).join(' ')
  return `${rules.join(', ') || what} at ${change.path}${where}${messages ? `: ${messages}` : ''}`
}

/**
 * The gate's verdict on a diff report.
 * @param {DiffReport} diff
 * @returns {GateResult}
 */
export function judge(diff) {
  const { base: baseVersion, revision: headVersion } = diff.infoVersions
  const majorBumped = majorOf(headVersion) > majorOf(baseVersion)
  const rated = (/** @type {DiffChange['impact']} */ impact) =>
    diff.changes.filter((c) => c.impact === impact)
  const breaking = rated('major')
  const additive = rated('minor')
  const other = rated('patch')
  const ok = breaking.length === 0 || majorBumped

  const lines = [
    `Comparing the spec (info.version ${headVersion}) with the baseline ${baseVersion} (redocly diff).`,
  ]
  const list = (
    /** @type {DiffChange[]} */ changes,
    /** @type {string} */ title,
    /** @type {string} */ mark,
  ) => {
    if (changes.length > 0) {
      lines.push(
        `${changes.length} ${title}:`,
        ...changes.map((c) => `  ${mark} ${formatChange(c)}`),
      )
    }
  }
  list(breaking, 'breaking change(s)', '✗')
  list(additive, 'additive change(s)', '+')
  list(other, 'compatible change(s)', '·')
  if (breaking.length === 0) lines.push('No breaking change.')
  else if (majorBumped) {
    lines.push(
      `Allowed: info.version's major went from ${majorOf(baseVersion)} to ${majorOf(headVersion)}.`,
    )
  } else {
    lines.push(
      `Fix: keep the old behaviour, or bump info.version in spec/openapi.yaml to ${majorOf(baseVersion) + 1}.0.0 and release it as a major version (see CONTRIBUTING.md).`,
    )
  }
  const report = lines.join('\n')
  return { ok, baseVersion, headVersion, majorBumped, breaking, additive, other, report }
}

/**
 * Diffs two OpenAPI files with Redocly and judges the result.
 * @param {string} baseFile
 * @param {string} headFile
 * @returns {Promise<GateResult>}
 */
export async function runGate(baseFile, headFile) {
  return judge(await redoclyDiff(baseFile, headFile))
}
