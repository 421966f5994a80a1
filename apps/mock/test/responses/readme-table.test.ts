import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { call, sharedMock } from '../helpers/prism.ts'
import { operations } from '../helpers/spec.ts'

// The README's copy-paste list of Prefer headers, line by line, against a real Prism.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const rows = [...readme.matchAll(/^- `Prefer: ([^`]+)` → `(\d{3})( \w+)?`(.*)$/gm)].map(
  (match) => ({
    prefer: match[1] as string,
    status: match[2] as string,
    code: match[3]?.trim(),
    // A row may name the operations it is for: `(`updateCredentialStatus`, ...`.
    rest: match[4] ?? '',
  }),
)

const mock = sharedMock()

describe("the README's Prefer list", () => {
  it('has a row for every named example of every error status in the spec', () => {
    const documented = new Set(rows.map((row) => `${row.status} ${row.code}`))
    for (const op of operations) {
      for (const [status, examples] of Object.entries(op.responses)) {
        if (status === '200') continue
        for (const value of Object.values(examples)) {
          expect(documented).toContain(`${status} ${value.errorCode ?? value.resultCode}`)
        }
      }
    }
  })

  for (const row of rows) {
    it(`Prefer: ${row.prefer} answers ${row.status}${row.code ? ` ${row.code}` : ''}`, async () => {
      const op =
        operations.find((candidate) => row.rest.includes(`\`${candidate.operationId}\``)) ??
        operations.find((candidate) => candidate.responses[row.status]) ??
        (operations[0] as (typeof operations)[number])
      const target = row.prefer.includes('GetCredentialInfo')
        ? (operations.find((candidate) => candidate.operationId === 'getCredentialInfo') ?? op)
        : op
      const response = await call(mock.url, target.path, {
        body: target.requestExample,
        headers: { prefer: row.prefer },
      })
      expect(response.status).toBe(Number(row.status))
      if (row.code) {
        expect(response.body.errorCode ?? response.body.resultCode).toBe(row.code)
      }
    })
  }
})
