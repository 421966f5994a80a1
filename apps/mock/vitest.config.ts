import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // No file mocks a module or leaves the environment changed, so a worker keeps the modules it
    // imported for its next file instead of importing them again.
    isolate: false,
    // Each file starts its own Prism; Prism takes a few seconds to load the spec.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/setup/shared-mock.ts'],
  },
})
