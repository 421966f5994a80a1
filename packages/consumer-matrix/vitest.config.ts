import { defineConfig } from 'vitest/config'

// One file per Node major, so that the Nodes' installs (npm, and a native build where no
// prebuilt binary is cached) run side by side in vitest's workers.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    maxWorkers: 3,
    hookTimeout: 900_000,
    testTimeout: 180_000,
  },
})
