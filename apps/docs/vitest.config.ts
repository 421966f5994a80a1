import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Prism and Chromium take seconds to start; samples run as real processes.
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
})
