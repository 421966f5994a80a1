// Every check of the kit, in report order, and the selection `--only` makes from them.
import { UsageError } from '../errors.js'
import { authChecks } from './auth.js'
import { invalidChecks } from './invalid.js'
import { leakChecks } from './leak.js'
import { lifecycleChecks } from './lifecycle.js'
import { responseChecks } from './response.js'
import type { Check, CheckInfo } from './types.js'
import { GROUPS } from './types.js'
import { validChecks } from './valid.js'

export const CHECKS: readonly Check[] = [
  ...responseChecks,
  ...leakChecks,
  ...validChecks,
  ...invalidChecks,
  ...authChecks,
  ...lifecycleChecks,
]

/** What each check is, for a README, a `--help` or a report of your own. */
export const checks: readonly CheckInfo[] = CHECKS.map(({ id, group, title, writes }) => ({
  id,
  group,
  title,
  writes,
}))

/**
 * The checks `only` names (ids, or group names for a whole group). Observers judge the answers
 * to the drivers' requests: a selection of observers alone runs every driver too.
 */
export function selectChecks(only: readonly string[] | undefined): Check[] {
  if (only === undefined || only.length === 0) return [...CHECKS]
  const known = new Set<string>([...CHECKS.map((c) => c.id), ...GROUPS])
  const unknown = only.filter((name) => !known.has(name))
  if (unknown.length > 0) {
    throw new UsageError(
      '--only',
      `has no check ${unknown.map((n) => `"${n}"`).join(', ')}; give check ids or groups, comma-separated: ${GROUPS.join(', ')}, ${CHECKS.map((c) => c.id).join(', ')}`,
    )
  }
  const wanted = new Set(only)
  const selected = CHECKS.filter((c) => wanted.has(c.id) || wanted.has(c.group))
  if (!selected.some((c) => c.kind === 'driver')) {
    return [...selected, ...CHECKS.filter((c) => c.kind === 'driver')]
  }
  return selected
}
