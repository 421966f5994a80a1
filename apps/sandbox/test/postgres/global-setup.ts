// One throwaway PostgreSQL cluster for the whole `sandbox-postgres` project (the devkit installs
// PostgreSQL from Debian's packages if it is missing, and runs it as the postgres user when this
// is root); each test makes databases of its own on it. Removed when the run ends.
import { startPostgres } from '@solapi/devkit'
import type { TestProject } from 'vitest/node'

export default async function setup(project: TestProject) {
  const started = performance.now()
  const postgres = await startPostgres()
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stderr.write(`PostgreSQL cluster on port ${postgres.port}, ready in ${seconds} s\n`)
  project.provide('postgresUrl', postgres.url)
  return () => postgres.stop()
}
