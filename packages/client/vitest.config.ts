import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // No file mocks a module or leaves the environment changed, so a worker keeps the modules it
    // imported for its next file instead of importing them again.
    isolate: false,
    // Bun, Deno and the browser run their own smoke files through test/runtime/run-runtimes.mjs.
    exclude: ['test/runtime/{bun,deno,browser}/**', '**/node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
})
