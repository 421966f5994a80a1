// A problem found in an answer, under the id of the check it breaks. Thrown out of a property's
// predicate so that fast-check shrinks the example that shows it.
import type { Exchange } from '../http/exchange.js'

export interface Finding {
  check: string
  message: string
}

export class FindingsError extends Error {
  override name = 'FindingsError'
  readonly findings: Finding[]
  /** The answer that shows the problems, if there was one. Never printed unmasked. */
  readonly exchange: Exchange | undefined
  constructor(findings: Finding[], exchange?: Exchange) {
    // The message names the checks only: test runners and loggers print it as it is.
    super(`Found problems for ${[...new Set(findings.map((f) => f.check))].join(', ')}`)
    this.findings = findings
    this.exchange = exchange
  }
}
