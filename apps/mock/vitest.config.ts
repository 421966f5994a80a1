import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file starts its own Prism; Prism takes a few seconds to load the spec.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
