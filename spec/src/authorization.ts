// The grammar of the HMAC Authorization header, from the spec's `x-solapi-signing.headerFormat`:
//   <algorithm> apiKey=<key>, date=<ISO 8601>, salt=<12-64 chars>, signature=<hex>
// A strict parser (anything else is refused with a message naming the part, never a guess) and
// the matching formatter. Servers, tests and the conformance checks all use these two.
import type { StringShape } from './limits.js'
import type { SigningAlgorithmRule, SigningRules } from './signing.js'

export interface AuthorizationParts {
  algorithm: string
  apiKey: string
  date: string
  salt: string
  signature: string
}

export interface ParsedAuthorization extends AuthorizationParts {
  /** The algorithm's rule: its hash and signature length. */
  rule: SigningAlgorithmRule
  /** The date in milliseconds since the epoch. */
  dateMs: number
}

export type AuthorizationParse =
  | { ok: true; value: ParsedAuthorization }
  | { ok: false; code: 'MissingAuthorization' | 'MalformedAuthorization'; message: string }

export type PartName = Exclude<keyof AuthorizationParts, 'algorithm'>

/** The parts after the algorithm, in the order headerFormat writes them, and their separator. */
function headerLayout(rules: SigningRules): { names: PartName[]; separator: string } {
  const format = rules.headerFormat
  const match = /^\{algorithm\} (.*)$/.exec(format)
  const names = [...(match?.[1] ?? '').matchAll(/(\w+)=\{(\w+)\}/g)].map(([, name, slot]) => {
    if (name !== slot) throw new Error(`spec: headerFormat part ${name}={${slot}} is not regular`)
    return name as PartName
  })
  const separator = /\}(.*?)\w+=\{/.exec(match?.[1] ?? '')?.[1]
  const expected: PartName[] = ['apiKey', 'date', 'salt', 'signature']
  if (!match || separator === undefined || [...names].sort().join() !== expected.sort().join()) {
    throw new Error(`spec: headerFormat "${format}" does not name apiKey, date, salt, signature`)
  }
  return { names, separator }
}

export interface FormatOptions {
  /** Parts left out, as a client that forgets one would send them (for tests of refusals). */
  omit?: readonly PartName[]
}

export function createAuthorizationFormatter(rules: SigningRules) {
  const { names, separator } = headerLayout(rules)
  return (parts: AuthorizationParts, { omit = [] }: FormatOptions = {}): string =>
    `${parts.algorithm} ${names
      .filter((name) => !omit.includes(name))
      .map((name) => `${name}=${parts[name]}`)
      .join(separator)}`
}

export function createAuthorizationParser(rules: SigningRules, apiKey: StringShape) {
  const { names, separator } = headerLayout(rules)
  const algorithms = new Map(rules.algorithms.map((a) => [a.name, a]))
  const choices = rules.algorithms.map((a) => a.name).join(' or ')
  const shape = `'${rules.defaultAlgorithm} ${names.map((n) => `${n}=...`).join(separator)}'`
  const order = names.join(', ')
  const keyLength =
    apiKey.minLength === apiKey.maxLength
      ? `${apiKey.minLength}`
      : `${apiKey.minLength} to ${apiKey.maxLength}`
  const keyShape = `${keyLength} characters matching ${apiKey.pattern.source}`

  const malformed = (message: string): AuthorizationParse => ({
    ok: false,
    code: 'MalformedAuthorization',
    message,
  })

  return function parseAuthorization(header: string | undefined | null): AuthorizationParse {
    if (header === undefined || header === null || header.trim() === '') {
      return {
        ok: false,
        code: 'MissingAuthorization',
        message: `The Authorization header is required. Send ${shape}.`,
      }
    }
    const space = header.indexOf(' ')
    const method = space === -1 ? header : header.slice(0, space)
    const rule = algorithms.get(method)
    if (!rule)
      return malformed(`Authorization method must be ${choices}, got ${printable(method)}.`)
    const parts = header.slice(space + 1).split(separator)
    const values = {} as Record<PartName, string>
    for (const [index, name] of names.entries()) {
      const part = parts[index]
      if (part === undefined || part === '') {
        return malformed(
          `Authorization is missing the ${name} part; parts are separated by "${separator}".`,
        )
      }
      const eq = part.indexOf('=')
      const got = eq === -1 ? part : part.slice(0, eq)
      if (got !== name) {
        return malformed(
          `Authorization part ${index + 1} must be ${name}=<value>, got ${printable(got)}; the order is ${order}.`,
        )
      }
      values[name] = part.slice(eq + 1)
    }
    if (parts.length > names.length) {
      return malformed(
        `Authorization has unexpected text after the ${names.at(-1)} part; send exactly ${order}.`,
      )
    }
    if (!apiKey.pattern.test(values.apiKey)) {
      return malformed(`Authorization apiKey must be ${keyShape}.`)
    }
    const dateMs = rules.datePattern.test(values.date) ? parseCalendarDate(values.date) : Number.NaN
    if (Number.isNaN(dateMs)) {
      return malformed(
        `Authorization date must be an ISO 8601 date-time with a time zone, e.g. 2017-08-01T11:01:07Z; got ${printable(values.date)}.`,
      )
    }
    if (!rules.saltPattern.test(values.salt)) {
      return malformed(
        `Authorization salt must be ${rules.salt.minLength} to ${rules.salt.maxLength} characters from A-Z a-z 0-9 _ -; got ${values.salt.length} characters.`,
      )
    }
    if (values.signature === '') return malformed('Authorization signature is empty.')
    return { ok: true, value: { algorithm: rule.name, rule, dateMs, ...values } }
  }
}

/** Date.parse accepts 2017-02-30 (rolling over to March); a calendar check refuses it. */
function parseCalendarDate(date: string): number {
  const [year, month, day, hour, minute, second] = [
    [0, 4],
    [5, 7],
    [8, 10],
    [11, 13],
    [14, 16],
    [17, 19],
  ].map(([from, to]) => Number(date.slice(from, to))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return Number.NaN
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN
  const zone = /([+-])(\d{2}):(\d{2})$/.exec(date)
  if (zone && (Number(zone[2]) > 23 || Number(zone[3]) > 59)) return Number.NaN
  return Date.parse(date)
}

/** At most a short, printable prefix of what the caller sent (never a signature). */
function printable(value: string): string {
  const clean = value.replace(/[^\x20-\x7e]/g, '?')
  return clean.length > 40 ? `${clean.slice(0, 40)}...` : clean || '(empty)'
}
