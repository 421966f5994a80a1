// A finished run as the report writers get it: a pass, a failure with a nasty message, a skip.
import type { ConformanceResult } from '../../../src/index.js'

export const SEED = 1_234_567

export function resultFixture(): ConformanceResult {
  return {
    url: 'http://127.0.0.1:4011',
    seed: SEED,
    examples: 100,
    writes: true,
    note: 'every check (loopback: writes allowed)',
    passed: false,
    interrupted: false,
    requests: 4321,
    durationMs: 12_345,
    requestsPerSecond: 350,
    byOperation: { getCredentialList: { '200': 10, '401': 3 } },
    clock: { offsetMs: 12, fromDateHeader: true, edgeMarginMs: 6002 },
    cleanup: { created: 12, left: [] },
    checks: [
      {
        id: 'response.schema',
        group: 'response',
        title: 'every body is valid against its documented schema',
        writes: false,
        status: 'passed',
        requests: 4000,
        durationMs: 0,
      },
      {
        id: 'auth.replayed-signature',
        group: 'auth',
        title: 'a signature sent a second time gets 403 DuplicatedSignature',
        writes: false,
        status: 'failed',
        requests: 200,
        durationMs: 1500,
        failure: {
          messages: ['the same signature sent again got 200, not 403 DuplicatedSignature <&>"\''],
          counterexample: '[{"operationId":"getCredentialList","value":{}},"HMAC-SHA256"]',
          shrinks: 3,
          exchange:
            'POST http://127.0.0.1:4011/credentials/getCredentialList\n  authorization: HMAC-SHA256 apiKey=K, signature=[redacted]\n→ 200 application/json\n  body: {"a":"\u0001\u0000]]>"}',
          foundBy: 'auth.replayed-signature',
          seed: SEED,
          replay: `--seed ${SEED} --only auth.replayed-signature`,
        },
      },
      {
        id: 'lifecycle.create',
        group: 'lifecycle',
        title: 'a created credential is read back',
        writes: true,
        status: 'skipped',
        requests: 0,
        durationMs: 0,
        skipped: 'writes: the run is read-only',
      },
    ],
  }
}
