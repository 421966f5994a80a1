// `--delete-after 10m`: a duration in ms, s, m, h or d (a bare number is seconds).
import { UsageError } from './errors.js'

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

export function parseDuration(option: string, raw: string): number {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(raw.trim())
  if (!match) {
    throw new UsageError(option, `must be a duration such as 0, 90s, 10m, 2h or 1d, got "${raw}"`)
  }
  return Number(match[1]) * (UNITS[match[2] ?? 's'] as number)
}
