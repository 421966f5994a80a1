import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // No file mocks a module or leaves the environment changed, so a worker keeps the modules it
    // imported for its next file instead of importing them again.
    isolate: false,
    // The browser, server and sample files mostly wait (Chromium, Prism and the sandbox starting,
    // pages loading), so two run at once: when CI runs this suite beside others on two cores,
    // fewer Redoc pages rendering at once keeps each page's steps inside their budget.
    maxWorkers: 2,
    // Prism and Chromium take seconds to start; samples run as real processes. A test holds
    // several browser steps of up to a minute each (BROWSER_STEP_TIMEOUT_MS).
    testTimeout: 120_000,
    hookTimeout: 150_000,
    globalSetup: ['test/setup/shared-servers.ts'],
    // A page's answer comes from Prism or the sandbox through the docs server: on a busy machine
    // that takes longer than expect.poll's default second.
    expect: { poll: { timeout: 15_000 } },
  },
})
