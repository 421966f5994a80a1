import { defineConfig } from 'vitest/config'

// One file per server, run side by side (each file's shapes one after another): the work is
// waiting on sockets and on the servers' own processes, not this one's CPU.
export default defineConfig({
  test: {
    fileParallelism: true,
    maxWorkers: 6,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
