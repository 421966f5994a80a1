// The summary a run ends with: one row per check (requests and verdict), each failure with its
// first counterexample (shrunk, masked) and the command that replays it, then the totals.
import { BIN } from '../bin-name.js'
import type { CheckResult } from '../checks/results.js'
import type { ConformanceResult } from '../run.js'

const VERDICT: Record<CheckResult['status'], string> = {
  passed: 'pass',
  failed: 'FAIL',
  skipped: 'skip',
}

const number = (n: number) => n.toLocaleString('en-US')

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n')
}

function table(checks: readonly CheckResult[]): string[] {
  const idWidth = Math.max('Check'.length, ...checks.map((c) => c.id.length))
  const requestWidth = Math.max('Requests'.length, ...checks.map((c) => number(c.requests).length))
  const row = (id: string, requests: string, result: string) =>
    `${id.padEnd(idWidth)}  ${requests.padStart(requestWidth)}  ${result}`.trimEnd()
  return [
    row('Check', 'Requests', 'Result'),
    ...checks.map((c) =>
      row(
        c.id,
        number(c.requests),
        c.status === 'skipped' ? `skip (${c.skipped ?? 'not run'})` : VERDICT[c.status],
      ),
    ),
  ]
}

function failure(check: CheckResult): string[] {
  const { failure: f } = check
  if (!f) return []
  const lines = [`✗ ${check.id}: ${check.title}`, ...f.messages.map((m) => `  ${m}`)]
  if (f.counterexample !== undefined) {
    const shrunk = f.shrinks ? ` (shrunk ${f.shrinks} time${f.shrinks === 1 ? '' : 's'})` : ''
    lines.push(`  counterexample${shrunk}: ${f.counterexample}`)
  }
  if (f.foundBy !== check.id) lines.push(`  found by the requests of ${f.foundBy}`)
  if (f.exchange) lines.push(indent(f.exchange, '    '))
  lines.push(`  replay: ${BIN} ${f.replay}`)
  return lines
}

/** The totals line: verdicts, requests, time and requests per second, the seed. */
export function totals(result: ConformanceResult): string {
  const count = (status: CheckResult['status']) =>
    result.checks.filter((c) => c.status === status).length
  return [
    `${result.checks.length} checks: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`,
    `${number(result.requests)} requests in ${(result.durationMs / 1000).toFixed(1)} s (${number(result.requestsPerSecond)} req/s)`,
    `seed ${result.seed}`,
  ].join(' · ')
}

/** The whole summary, as the CLI prints it. */
export function formatSummary(result: ConformanceResult): string {
  const failed = result.checks.filter((c) => c.status === 'failed')
  const lines = [...table(result.checks), '']
  if (failed.length > 0) {
    lines.push('Failures', '')
    for (const check of failed) lines.push(...failure(check), '')
  }
  if (result.cleanup.left.length > 0) {
    lines.push(
      `✗ ${result.cleanup.left.length} credential(s) this run created could not be deleted: ${result.cleanup.left.join(', ')}`,
      '',
    )
  }
  if (result.interrupted) lines.push('The run was stopped before it finished.', '')
  lines.push(totals(result))
  return `${lines.join('\n')}\n`
}
