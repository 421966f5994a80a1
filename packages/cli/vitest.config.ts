import { defineConfig } from 'vitest/config'

// - unit: the command line, rules, help, output, no server;
// - sandbox: the built bin against the real sandbox (and the mock), each command, refusals,
//   --json against the schema, confirmation on a pseudo-terminal, rotation under faults and kills;
// - packed: the packed tarball installed with plain npm in an empty folder, on Node, Bun and Deno.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'sandbox',
          include: ['test/sandbox/**/*.test.ts'],
          hookTimeout: 60_000,
          testTimeout: 120_000,
        },
      },
      {
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
