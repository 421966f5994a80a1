// @solapi/credentials-conformance: holds any implementation of the SOLAPI Credentials API to the
// spec. `runConformance` runs the checks and returns what each came to; the report writers turn
// that into the summary table, JUnit XML or JSON. The CLI (`solapi-credentials-conformance`) is
// these, with options from the command line.
export { CHECKS, checks, selectChecks } from './checks/catalogue.js'
export type { CheckFailure, CheckResult, CheckStatus } from './checks/results.js'
export type { CheckInfo, Group } from './checks/types.js'
export { GROUPS } from './checks/types.js'
export { RunAborted, SafetyError, UsageError } from './errors.js'
export { type ConformanceOptions, DEFAULTS } from './options.js'
export { toJsonReport } from './report/json.js'
export { toJUnitXml } from './report/junit.js'
export { formatSummary } from './report/table.js'
export { type ConformanceResult, type RunEvent, type RunHooks, runConformance } from './run.js'
export { isLoopback } from './target/scope.js'
