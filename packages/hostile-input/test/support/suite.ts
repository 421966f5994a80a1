// The one hostile-input suite, as a describe for one target: every shape a test of its own,
// named by its id, sent in turn (one shape at a time per server).
import { appendFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { allShapes, echoed, runShape, type Secret } from '../../src/index.ts'
import type { Target } from './targets.ts'

/** Beyond any shape's own bounds (the exchange, then the good request twice). */
const TEST_TIMEOUT_MS = 120_000

/** HOSTILE_INPUT_RESULTS names a file that gets one JSON line per shape (for reports). */
const resultsFile = process.env.HOSTILE_INPUT_RESULTS

export function hostileSuite(make: () => Target & { start(): Promise<void> }) {
  const target = make()
  describe(target.name, () => {
    beforeAll(() => target.start(), 120_000)
    afterAll(() => target.stop(), 60_000)
    let healthy = false
    beforeEach(() => target.ensureUp(healthy), 120_000)
    const sent: Secret[] = []

    test.each(allShapes.map((shape) => [shape.id, shape] as const))(
      '%s',
      async (_id, shape) => {
        healthy = false
        const result = await runShape(shape, target.profile())
        healthy = result.healthy
        sent.push(...result.sent)
        if (resultsFile) {
          const { id, problems, observed } = result
          appendFileSync(
            resultsFile,
            `${JSON.stringify({ server: target.name, id, problems, observed })}\n`,
          )
        }
        expect(result.problems, `${shape.id} (${result.observed})`).toEqual([])
      },
      TEST_TIMEOUT_MS,
    )

    // After every shape: what the servers logged about all of them holds none of the secrets
    // the requests carried, nor the server's own (devkit hands the sandbox its control token,
    // so it prints none at start).
    test('logs.no-secret', () => {
      const secrets = [...sent, ...target.profile().secrets]
      expect(echoed(Buffer.from(target.logs()), secrets)).toEqual([])
    })
  })
}
