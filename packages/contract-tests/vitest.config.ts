import { defineConfig } from 'vitest/config'

// One project per kind of target, so that each starts only the servers it needs (through the
// devkit). The server side of the property-based checks is the conformance kit's
// (packages/conformance); these hold the client to the contract:
// - prism: the client against the real Prism mock app, every documented response via `Prefer`,
//   and its retries against the 429 and 503 the mock serves;
// - proxy: the client against the sandbox through `prism proxy --errors`, so that any request
//   or response that breaks the spec fails, and a check that the proxy flags an off-spec server.
export default defineConfig({
  test: {
    // No file mocks a module or leaves the environment changed, so a worker keeps the modules it
    // imported for its next file instead of importing them again; each project takes this with
    // `extends: true` (an inline project inherits nothing by default in vitest 4).
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'prism',
          include: ['test/prism/**/*.test.ts'],
          globalSetup: ['test/prism/global-setup.ts'],
          hookTimeout: 60_000,
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
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
