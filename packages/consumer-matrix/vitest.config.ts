import { defineConfig } from 'vitest/config'

// One file per Node major, so that the Nodes' installs (npm, and a native build where no
// prebuilt binary is cached) run side by side; vitest alone would take one worker on two cores.
// Two, not three: three Nodes' sandboxes, mocks and conformance runs at once on a busy two-core
// machine slowed requests enough for connections to be cut (UND_ERR_SOCKET).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    maxWorkers: 2,
    hookTimeout: 900_000,
    testTimeout: 180_000,
  },
})
