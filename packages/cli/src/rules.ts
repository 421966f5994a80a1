// Checks a value against a rule of the spec before anything is sent. The message names the
// option and the rule; it repeats the value only when it is too short to be a pasted secret.
import type { FieldRule } from './command-spec.js'
import { UsageError } from './errors.js'

const SHOWN_UP_TO = 12

function got(value: string): string {
  if (value === '') return 'got nothing'
  return value.length <= SHOWN_UP_TO
    ? `got "${value}"`
    : `got ${value.length} characters (not shown)`
}

/** Throws a UsageError naming `option` unless `value` satisfies `rule`. */
export function checkRule(option: string, rule: FieldRule, value: string): string {
  if (rule.enum) {
    if (!rule.enum.includes(value)) {
      throw new UsageError(
        option,
        `must be one of ${rule.enum.join(', ')} (rule: enum), ${got(value)}`,
      )
    }
    return value
  }
  const { pattern = '', minLength = 0, maxLength = Number.POSITIVE_INFINITY } = rule
  if (
    value.length < minLength ||
    value.length > maxLength ||
    !new RegExp(pattern, 'u').test(value)
  ) {
    const lengths = minLength === maxLength ? `${minLength}` : `${minLength}-${maxLength}`
    throw new UsageError(
      option,
      `must match ${pattern} (${lengths} characters; rule: pattern), ${got(value)}`,
    )
  }
  return value
}
