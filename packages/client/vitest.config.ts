import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Bun, Deno and the browser run their own smoke files through test/runtime/run-runtimes.mjs.
    exclude: ['test/runtime/{bun,deno,browser}/**', '**/node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
})
