// The release gate: breaking changes against the last release's baseline pass only when the
// new `info.version` bumps the major version.
import type { OpenApiDocument } from '../spec/types.js'
import { type Change, formatChange } from './changes.js'
import { diffDocuments } from './diff.js'

export interface GateResult {
  ok: boolean
  baseVersion: string
  headVersion: string
  majorBumped: boolean
  breaking: Change[]
  additive: Change[]
  /** Human-readable report, one line per change, ending with the verdict. */
  report: string
}

export function majorOf(version: string): number {
  const match = /^v?(\d+)\.\d+\.\d+(?:[-+].*)?$/.exec(version.trim())
  if (!match)
    throw new Error(`info.version "${version}" is not a semantic version (MAJOR.MINOR.PATCH)`)
  return Number(match[1])
}

export function runGate(baseline: OpenApiDocument, head: OpenApiDocument): GateResult {
  const baseVersion = baseline.info.version
  const headVersion = head.info.version
  const majorBumped = majorOf(headVersion) > majorOf(baseVersion)
  const changes = diffDocuments(baseline, head)
  const breaking = changes.filter((c) => c.breaking)
  const additive = changes.filter((c) => !c.breaking)
  const ok = breaking.length === 0 || majorBumped

  const lines = [
    `Comparing the spec (info.version ${headVersion}) with the baseline ${baseVersion}.`,
  ]
  if (breaking.length > 0) {
    lines.push(
      `${breaking.length} breaking change(s):`,
      ...breaking.map((c) => `  ✗ ${formatChange(c)}`),
    )
  }
  if (additive.length > 0) {
    lines.push(
      `${additive.length} additive change(s):`,
      ...additive.map((c) => `  + ${formatChange(c)}`),
    )
  }
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
  return { ok, baseVersion, headVersion, majorBumped, breaking, additive, report: lines.join('\n') }
}
