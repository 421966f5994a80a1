import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    testTimeout: 90_000,
    hookTimeout: 90_000,
    // No file mocks a module or leaves the environment changed, so a worker keeps the modules it
    // imported for its next file instead of importing them again.
    isolate: false,
  },
})
