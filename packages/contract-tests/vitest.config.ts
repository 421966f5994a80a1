import { defineConfig } from 'vitest/config'

// One project per kind of target, so that each starts only the servers it needs:
// - unit: the breaking-change checker and the generators, no server;
// - sandbox: the property-based suite against a real sandbox that its global setup starts on
//   a free port (or `SANDBOX_URL`), signed with the client's signAuthorization.
// The client × Prism and client × sandbox-through-`prism proxy` suites slot in as further
// projects (test/prism, test/proxy), each with its own global setup built on src/servers.
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
    ],
  },
})
