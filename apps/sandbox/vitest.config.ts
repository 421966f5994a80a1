import { defineConfig } from 'vitest/config'

// Child-process tests (restart, kill -9, Bun, Deno, several instances) start real servers.
const SERVER_TIMEOUTS = { testTimeout: 60_000, hookTimeout: 60_000 }

export default defineConfig({
  test: {
    // Most files wait far more than they compute (child processes, database round trips, the
    // slow-client and outage tests' deadlines), so three run at once even on two cores. Each test
    // makes its own sandbox (its own `:memory:` or PostgreSQL database) and no file mocks a module
    // or changes the environment, so a worker may keep the modules it imported for the next file
    // instead of importing them again (`isolate: false`).
    maxWorkers: 3,
    isolate: false,
    projects: [
      {
        // The whole suite on SQLite, the embedded default.
        // An inline project takes the options above only with `extends: true` (vitest 4).
        extends: true,
        test: {
          name: 'sandbox',
          include: ['test/**/*.test.ts'],
          exclude: ['test/postgres/**'],
          ...SERVER_TIMEOUTS,
        },
      },
      {
        // The same suite on PostgreSQL (a throwaway cluster), but what is SQLite's alone (its
        // file, its in-memory ledger, its driver: `*.sqlite.test.ts`) and the packed
        // tarball's runs (test/package: the same code whatever the store); plus what only a
        // shared database has (test/postgres: several instances, outages, concurrent starts).
        extends: true,
        test: {
          name: 'sandbox-postgres',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.sqlite.test.ts', 'test/package/**'],
          globalSetup: ['test/postgres/global-setup.ts'],
          ...SERVER_TIMEOUTS,
        },
      },
      {
        // The README's vitest example, run as it is written, against the built package.
        test: {
          name: 'example',
          include: ['examples/vitest/*.test.ts'],
          globalSetup: ['examples/vitest/global-setup.ts'],
        },
      },
    ],
  },
})
