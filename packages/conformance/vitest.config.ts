import { defineConfig } from 'vitest/config'

// One project per kind of target:
// - unit: the arbitraries, the conformance check, options, reports, no server (a fixture
//   server where a failure path needs one);
// - sandbox: the kit against the real sandbox on Node, Bun and Deno, and what makes it safe
//   against a live account (read-only, cleanup, a stopped run);
// - mutants: the kit against the sandbox behind a proxy that breaks one thing at a time;
// - packed: the packed tarball, installed with plain npm in an empty folder, run as a bin.
export default defineConfig({
  test: {
    // No file mocks a module or leaves the environment changed, so a worker keeps the modules it
    // imported for its next file instead of importing them again; each project takes this with
    // `extends: true` (an inline project inherits nothing by default in vitest 4).
    isolate: false,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'sandbox',
          include: ['test/sandbox/**/*.test.ts'],
          hookTimeout: 60_000,
          testTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'mutants',
          include: ['test/mutants/**/*.test.ts'],
          hookTimeout: 60_000,
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'packed',
          include: ['test/packed/**/*.test.ts'],
          hookTimeout: 300_000,
          testTimeout: 300_000,
        },
      },
    ],
  },
})
