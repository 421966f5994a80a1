import { describe, expect, it } from 'vitest'
import { CHECKS, checks, GROUPS, selectChecks, UsageError } from '../../../src/index.js'

describe('the checks', () => {
  it('each have a stable, unique, dotted id in its group', () => {
    const ids = checks.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const check of checks)
      expect(check.id).toMatch(new RegExp(`^${check.group}\\.[a-z]+(-[a-z]+)*$`))
    expect([...new Set(checks.map((c) => c.group))]).toEqual([...GROUPS])
  })

  it('are, group by group, what the issue asks of a conforming server', () => {
    expect(checks.map((c) => c.id)).toEqual([
      'response.status-documented',
      'response.content-type',
      'response.schema',
      'response.error-code',
      'leak.secret-echo',
      'valid.accepted',
      'invalid.schema',
      'invalid.body-too-large',
      'invalid.media-type',
      'invalid.malformed-json',
      'auth.missing-header',
      'auth.malformed-header',
      'auth.unknown-key',
      'auth.wrong-signature',
      'auth.date-outside-window',
      'auth.date-inside-window',
      'auth.replayed-signature',
      'auth.algorithms',
      'lifecycle.create',
      'lifecycle.regenerate',
      'lifecycle.deactivate',
      'lifecycle.delete',
    ])
  })

  it('mark the lifecycle, and only it, as writing', () => {
    expect(checks.filter((c) => c.writes).map((c) => c.group)).toEqual(Array(4).fill('lifecycle'))
  })
})

describe('selectChecks', () => {
  const ids = (only?: string[]) => selectChecks(only).map((c) => c.id)

  it('selects every check by default', () => {
    expect(ids()).toEqual(CHECKS.map((c) => c.id))
    expect(ids([])).toEqual(CHECKS.map((c) => c.id))
  })

  it('selects ids and whole groups', () => {
    expect(ids(['lifecycle', 'auth.algorithms'])).toEqual([
      'auth.algorithms',
      'lifecycle.create',
      'lifecycle.regenerate',
      'lifecycle.deactivate',
      'lifecycle.delete',
    ])
  })

  it('runs every driver when only observers are selected, since they judge its answers', () => {
    const selected = selectChecks(['response.schema'])
    expect(selected.filter((c) => c.kind === 'observer').map((c) => c.id)).toEqual([
      'response.schema',
    ])
    expect(selected.filter((c) => c.kind === 'driver')).toHaveLength(
      CHECKS.filter((c) => c.kind === 'driver').length,
    )
  })

  it('refuses an unknown id, listing the known ones', () => {
    expect(() => selectChecks(['auth.nope', 'lifecycle'])).toThrow(UsageError)
    expect(() => selectChecks(['auth.nope'])).toThrow(
      /^--only has no check "auth\.nope"; give check ids or groups, comma-separated: response, leak, valid, invalid, auth, lifecycle, response\.status-documented, /,
    )
  })
})
