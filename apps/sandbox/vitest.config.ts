import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Child-process tests (restart, kill -9, Bun, Deno) start real servers.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
