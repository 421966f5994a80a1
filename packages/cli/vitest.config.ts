import { defineConfig } from 'vitest/config'

// - unit: the command line, rules, help, output, no server;
// - sandbox: the built bin against the real sandbox (and the mock), each command, refusals,
//   --json against the schema, confirmation on a pseudo-terminal, rotation under faults and kills;
// - packed: the packed tarball installed with plain npm in an empty folder, on Node, Bun and Deno.
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
