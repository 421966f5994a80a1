import { describe, expect, it } from 'vitest'
import { createProgress } from '../../../src/report/progress.js'
import type { RunEvent } from '../../../src/run.js'
import { resultFixture } from './fixture.js'

function recorder() {
  const written: string[] = []
  return { stream: { write: (text: string) => written.push(text) }, text: () => written.join('') }
}

const start: RunEvent = {
  type: 'start',
  url: 'http://127.0.0.1:4011',
  note: 'every check (loopback: writes allowed)',
  seed: 7,
  examples: 100,
  concurrency: 4,
  groups: [
    { group: 'valid', total: 100 },
    { group: 'auth', total: 800 },
  ],
}
const [passed, failed] = resultFixture().checks

describe('progress in a log (not a terminal)', () => {
  it('prints plain lines: the target, each quarter of a group, each check as it ends', () => {
    const out = recorder()
    const progress = createProgress(out.stream, false)
    progress.onEvent(start)
    for (const done of [10, 25, 30, 50, 99, 100]) {
      progress.onEvent({ type: 'progress', group: 'valid', done, total: 100 })
    }
    progress.onEvent({ type: 'check', result: passed as never })
    progress.onEvent({ type: 'check', result: failed as never })
    progress.onEvent({ type: 'cleanup', pending: 3 })
    progress.finish()
    expect(out.text()).toBe(
      [
        'Checking http://127.0.0.1:4011: every check (loopback: writes allowed)',
        'seed 7, 100 examples per property, 4 checks at a time',
        'valid: 25/100 examples',
        'valid: 50/100 examples',
        'valid: 99/100 examples',
        'valid: 100/100 examples',
        'pass  response.schema (4000 requests, 0.0 s)',
        'FAIL  auth.replayed-signature (200 requests, 1.5 s)',
        'Deleting the 3 credential(s) this run created',
        '',
        '',
      ].join('\n'),
    )
    expect(out.text()).not.toContain('\x1b[')
  })
})

describe('progress on a terminal', () => {
  it('draws a bar per group and redraws it in place', async () => {
    const out = recorder()
    const progress = createProgress(out.stream, true)
    progress.onEvent(start)
    await new Promise((resolve) => setTimeout(resolve, 120))
    progress.onEvent({ type: 'progress', group: 'auth', done: 400, total: 800 })
    progress.onEvent({ type: 'check', result: passed as never })
    progress.finish()
    const text = out.text()
    expect(text).toContain(`\x1b[2Kvalid  ${'░'.repeat(30)}  0/100\n`)
    expect(text).toContain(`\x1b[2Kauth   ${'█'.repeat(15)}${'░'.repeat(15)}  400/800\n`)
    // Redraws move the cursor back up over the two bars.
    expect(text).toContain('\x1b[2A')
    expect(text).not.toContain('pass  response.schema')
  })
})
