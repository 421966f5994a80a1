import { defineConfig } from 'vitest/config'

// One project per kind of target, so that each starts only the servers it needs:
// - unit: the breaking-change checker and the generators, no server;
// - sandbox: the property-based suite against a real sandbox that its global setup starts on
//   a free port (or `SANDBOX_URL`), signed with the client's signAuthorization.
// - prism: the client against the real Prism mock app, every documented response via `Prefer`;
// - proxy: the client against the sandbox through `prism proxy --errors`, so that any request
//   or response that breaks the spec fails.
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        test: {
          name: 'sandbox',
          include: ['test/sandbox/**/*.test.ts'],
          globalSetup: ['test/sandbox/global-setup.ts'],
          hookTimeout: 60_000,
          // One server, one state: properties run one after another.
          fileParallelism: false,
          sequence: { concurrent: false },
        },
      },
      {
        test: {
          name: 'prism',
          include: ['test/prism/**/*.test.ts'],
          globalSetup: ['test/prism/global-setup.ts'],
          hookTimeout: 60_000,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'proxy',
          include: ['test/proxy/**/*.test.ts'],
          globalSetup: ['test/proxy/global-setup.ts'],
          hookTimeout: 90_000,
          testTimeout: 30_000,
          fileParallelism: false,
          sequence: { concurrent: false },
        },
      },
    ],
  },
})
