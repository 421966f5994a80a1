// Expectations a driver holds one answer to: a status, an error code, a field named in errors[].
import type { Exchange } from '../http/exchange.js'
import type { Expectation } from './types.js'

/** The answer's JSON body, or `undefined` when it has none that parses. */
export function jsonOf(exchange: Exchange): unknown {
  try {
    return JSON.parse(exchange.response.text)
  } catch {
    return undefined
  }
}

/** The `errorCode` (or the 404 shape's `resultCode`) of an error answer. */
export function codeOf(exchange: Exchange): string | undefined {
  const body = jsonOf(exchange) as { errorCode?: unknown; resultCode?: unknown } | undefined
  const code = body?.errorCode ?? body?.resultCode
  return typeof code === 'string' ? code : undefined
}

const describe = (exchange: Exchange) => {
  const code = codeOf(exchange)
  return `${exchange.response.status}${code ? ` ${code}` : ''}`
}

/** The answer has this status (and this error code, when one is given). */
export function answers(what: string, status: number, code?: string): Expectation {
  const wanted = `${status}${code ? ` ${code}` : ''}`
  return (exchange) =>
    exchange.response.status === status && (code === undefined || codeOf(exchange) === code)
      ? []
      : [`${what} got ${describe(exchange)}, not ${wanted}`]
}
