import { defineConfig } from 'vitest/config'

// One project per kind of target, so that each starts only the servers it needs:
// - unit: pure checks on the spec and the generators, no server;
// - sandbox: the property-based suite against a real sandbox started in its global setup.
// The client × Prism and client × sandbox-through-`prism proxy` suites slot in as further
// projects (test/prism, test/proxy) with their own global setups.
export default defineConfig({
  test: {
    projects: [{ test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } }],
  },
})
