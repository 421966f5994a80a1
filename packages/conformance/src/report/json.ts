// The JSON report (`--report json=<file>`): the whole result, as data, already masked.
import { BIN } from '../bin-name.js'
import type { ConformanceResult } from '../run.js'

/** Bump when a field changes meaning or goes away. */
export const JSON_REPORT_VERSION = 1

export function toJsonReport(result: ConformanceResult): string {
  return `${JSON.stringify({ reportVersion: JSON_REPORT_VERSION, tool: BIN, ...result }, null, 2)}\n`
}
