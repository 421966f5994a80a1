// The JUnit XML report (`--report junit=<file>`) that CI systems show as tests: one testsuite per
// group, one testcase per check, a failure with its counterexample. Written by hand: a dozen
// elements, escaped below, and a test parses the output with a real XML parser.
import { BIN } from '../bin-name.js'
import type { CheckResult } from '../checks/results.js'
import { GROUPS } from '../checks/types.js'
import type { ConformanceResult } from '../run.js'
import { totals } from './table.js'

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/F). */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
}

const attributes = (values: Record<string, string | number>) =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('')

const seconds = (ms: number) => (ms / 1000).toFixed(3)

function testcase(check: CheckResult): string[] {
  const open = `    <testcase${attributes({ classname: `${BIN}.${check.group}`, name: check.id, time: seconds(check.durationMs) })}>`
  const body: string[] = []
  if (check.failure) {
    const f = check.failure
    const detail = [
      check.title,
      ...f.messages,
      ...(f.counterexample === undefined ? [] : [`counterexample: ${f.counterexample}`]),
      ...(f.exchange ? [f.exchange] : []),
      `replay: ${BIN} ${f.replay}`,
    ].join('\n')
    body.push(
      `      <failure${attributes({ message: f.messages[0] ?? check.title, type: check.id })}>${escapeXml(detail)}</failure>`,
    )
  } else if (check.status === 'skipped') {
    body.push(`      <skipped${attributes({ message: check.skipped ?? 'not run' })}/>`)
  }
  body.push(
    `      <system-out>${escapeXml(`${check.title}\nrequests: ${check.requests}`)}</system-out>`,
  )
  return [open, ...body, '    </testcase>']
}

export function toJUnitXml(result: ConformanceResult): string {
  const count = (checks: CheckResult[], status: CheckResult['status']) =>
    checks.filter((c) => c.status === status).length
  const suites = GROUPS.map((group) => result.checks.filter((c) => c.group === group))
    .filter((checks) => checks.length > 0)
    .map((checks) => {
      const group = checks[0]?.group ?? ''
      return [
        `  <testsuite${attributes({
          name: group,
          tests: checks.length,
          failures: count(checks, 'failed'),
          errors: 0,
          skipped: count(checks, 'skipped'),
          time: seconds(checks.reduce((sum, c) => sum + c.durationMs, 0)),
        })}>`,
        '    <properties>',
        `      <property${attributes({ name: 'url', value: result.url })}/>`,
        `      <property${attributes({ name: 'seed', value: result.seed })}/>`,
        `      <property${attributes({ name: 'examples', value: result.examples })}/>`,
        '    </properties>',
        ...checks.flatMap(testcase),
        '  </testsuite>',
      ].join('\n')
    })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({
      name: BIN,
      tests: result.checks.length,
      failures: count(result.checks, 'failed'),
      errors: 0,
      skipped: count(result.checks, 'skipped'),
      time: seconds(result.durationMs),
    })}>`,
    ...suites,
    `  <!-- ${escapeXml(totals(result)).replaceAll('--', '- -')} -->`,
    '</testsuites>',
    '',
  ].join('\n')
}
