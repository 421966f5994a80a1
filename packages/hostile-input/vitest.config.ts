import { defineConfig } from 'vitest/config'

// One file per server, run side by side (each file's shapes one after another): the work is
// waiting on sockets and on the servers' own processes, not this one's CPU.
export default defineConfig({
  test: {
    fileParallelism: true,
    maxWorkers: 6,
    // No file mocks a module or leaves the environment changed, so a worker keeps the modules it
    // imported for its next file instead of importing them again.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
