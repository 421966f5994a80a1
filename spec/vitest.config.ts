import { defineConfig } from 'vitest/config'

// The breaking-change tests run real `redocly diff`, about a second each on a busy machine.
export default defineConfig({ test: { testTimeout: 60_000 } })
