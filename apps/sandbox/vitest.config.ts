import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'sandbox',
          include: ['test/**/*.test.ts'],
          // Child-process tests (restart, kill -9, Bun, Deno) start real servers.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The README's vitest example, run as it is written, against the built package.
        test: {
          name: 'example',
          include: ['examples/vitest/*.test.ts'],
          globalSetup: ['examples/vitest/global-setup.ts'],
        },
      },
    ],
  },
})
