import { describe, expect, it } from 'vitest'
import { toJsonReport } from '../../../src/report/json.js'
import { formatSummary } from '../../../src/report/table.js'
import { resultFixture, SEED } from './fixture.js'

describe('formatSummary', () => {
  const summary = formatSummary(resultFixture())

  it('has a row per check with its requests and verdict', () => {
    expect(summary).toContain(
      [
        'Check                    Requests  Result',
        'response.schema             4,000  pass',
        'auth.replayed-signature       200  FAIL',
        'lifecycle.create                0  skip (writes: the run is read-only)',
      ].join('\n'),
    )
  })

  it('shows each failure with its counterexample, the exchange and the replay command', () => {
    expect(summary).toContain(
      [
        'Failures',
        '',
        '✗ auth.replayed-signature: a signature sent a second time gets 403 DuplicatedSignature',
        '  the same signature sent again got 200, not 403 DuplicatedSignature <&>"\'',
        '  counterexample (shrunk 3 times): [{"operationId":"getCredentialList","value":{}},"HMAC-SHA256"]',
        '    POST http://127.0.0.1:4011/credentials/getCredentialList',
      ].join('\n'),
    )
    expect(summary).toContain(
      `  replay: solapi-credentials-conformance --seed ${SEED} --only auth.replayed-signature`,
    )
  })

  it('ends with the totals, requests per second and the seed', () => {
    expect(
      summary.endsWith(
        `3 checks: 1 passed, 1 failed, 1 skipped · 4,321 requests in 12.3 s (350 req/s) · seed ${SEED}\n`,
      ),
    ).toBe(true)
  })

  it('names the credentials a run could not delete, and a stopped run', () => {
    const result = {
      ...resultFixture(),
      interrupted: true,
      cleanup: { created: 2, left: ['NCSAAAAAAAAAAAAA'] },
    }
    const text = formatSummary(result)
    expect(text).toContain(
      '✗ 1 credential(s) this run created could not be deleted: NCSAAAAAAAAAAAAA',
    )
    expect(text).toContain('The run was stopped before it finished.')
  })
})

describe('toJsonReport', () => {
  it('is the whole result as JSON, with the report version', () => {
    const parsed = JSON.parse(toJsonReport(resultFixture()))
    expect(parsed).toEqual({
      reportVersion: 1,
      tool: 'solapi-credentials-conformance',
      ...resultFixture(),
    })
  })
})
