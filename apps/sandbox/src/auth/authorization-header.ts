// Strict parser of the HMAC Authorization header described by the spec's security scheme:
//   <HMAC-SHA256|HMAC-MD5> apiKey=<key>, date=<ISO 8601>, salt=<12-64 chars>, signature=<hex>
// Anything else is rejected with a message naming the part, never with a guess.
import type { SigningRules } from '../spec.js'

export interface ParsedAuthorization {
  algorithm: string
  hash: string
  signatureHexLength: number
  apiKey: string
  date: string
  /** Milliseconds since the epoch. */
  dateMs: number
  salt: string
  signature: string
}

export type ParseResult =
  | { ok: true; value: ParsedAuthorization }
  | { ok: false; code: 'MissingAuthorization' | 'MalformedAuthorization'; message: string }

const PART_NAMES = ['apiKey', 'date', 'salt', 'signature'] as const
const API_KEY = /^[A-Z0-9]{16}$/
const FORMAT = "'HMAC-SHA256 apiKey=..., date=..., salt=..., signature=...'"

export function createAuthorizationParser(rules: SigningRules) {
  const algorithms = new Map(rules.algorithms.map((a) => [a.name, a]))
  const names = rules.algorithms.map((a) => a.name).join(' or ')
  const datePattern = new RegExp(rules.date.pattern)
  const saltPattern = new RegExp(rules.salt.pattern)

  const malformed = (message: string): ParseResult => ({
    ok: false,
    code: 'MalformedAuthorization',
    message,
  })

  return function parseAuthorization(header: string | undefined | null): ParseResult {
    if (header === undefined || header === null || header.trim() === '') {
      return {
        ok: false,
        code: 'MissingAuthorization',
        message: `The Authorization header is required. Send ${FORMAT}.`,
      }
    }
    const space = header.indexOf(' ')
    const method = space === -1 ? header : header.slice(0, space)
    const algorithm = algorithms.get(method)
    if (!algorithm) {
      return malformed(`Authorization method must be ${names}, got ${printable(method)}.`)
    }
    const rest = header.slice(space + 1)
    const parts = rest.split(', ')
    const values: string[] = []
    for (let index = 0; index < PART_NAMES.length; index++) {
      const name = PART_NAMES[index] as (typeof PART_NAMES)[number]
      const part = parts[index]
      if (part === undefined || part === '') {
        return malformed(
          `Authorization is missing the ${name} part; parts are separated by a comma and a space.`,
        )
      }
      const eq = part.indexOf('=')
      const got = eq === -1 ? part : part.slice(0, eq)
      if (got !== name) {
        return malformed(
          `Authorization part ${index + 1} must be ${name}=<value>, got ${printable(got)}; the order is apiKey, date, salt, signature.`,
        )
      }
      values.push(part.slice(eq + 1))
    }
    if (parts.length > PART_NAMES.length) {
      return malformed(
        'Authorization has unexpected text after the signature part; send exactly apiKey, date, salt and signature.',
      )
    }
    const [apiKey = '', date = '', salt = '', signature = ''] = values
    if (!API_KEY.test(apiKey)) {
      return malformed('Authorization apiKey must be 16 upper-case letters and digits.')
    }
    const dateMs = datePattern.test(date) ? parseIsoDate(date) : Number.NaN
    if (Number.isNaN(dateMs)) {
      return malformed(
        `Authorization date must be an ISO 8601 date-time with a time zone, e.g. 2017-08-01T11:01:07Z; got ${printable(date)}.`,
      )
    }
    if (!saltPattern.test(salt)) {
      return malformed(
        `Authorization salt must be ${rules.salt.minLength} to ${rules.salt.maxLength} characters from A-Z a-z 0-9 _ -; got ${salt.length} characters.`,
      )
    }
    if (signature === '') {
      return malformed('Authorization signature is empty.')
    }
    return {
      ok: true,
      value: {
        algorithm: algorithm.name,
        hash: algorithm.hash,
        signatureHexLength: algorithm.signatureHexLength,
        apiKey,
        date,
        dateMs,
        salt,
        signature,
      },
    }
  }
}

/** Date.parse accepts 2017-02-30 (rolling over to March); a calendar check rejects it. */
function parseIsoDate(date: string): number {
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  const day = Number(date.slice(8, 10))
  const hour = Number(date.slice(11, 13))
  const minute = Number(date.slice(14, 16))
  const second = Number(date.slice(17, 19))
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN
  const zone = /([+-])(\d{2}):(\d{2})$/.exec(date)
  if (zone && (Number(zone[2]) > 23 || Number(zone[3]) > 59)) return Number.NaN
  return Date.parse(date)
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/**
 * What `new Date(Date.UTC(year, month, 0)).getUTCDate()` answers (this was that, 1 µs slower
 * per request), including its reading of years 0-99 as 1900-1999.
 */
function daysInMonth(year: number, month: number): number {
  const y = year >= 0 && year <= 99 ? 1900 + year : year
  if (month === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) return 29
  return DAYS_IN_MONTH[month - 1] as number
}

/** Echo at most a short, printable prefix of what the caller sent (never a signature). */
function printable(value: string): string {
  const clean = value.replace(/[^\x20-\x7e]/g, '?')
  return clean.length > 40 ? `${clean.slice(0, 40)}...` : clean || '(empty)'
}
