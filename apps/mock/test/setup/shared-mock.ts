// One mock (the guard and Prism) for the files that only send it requests, started once for the
// run: a Prism start costs about 3 CPU-s. Prism keeps no state between requests, so the files
// cannot see each other's; the hostile-input file still checks after each of its requests that
// this same mock answers a good one. Files about starting and stopping the mock start their own.
import type { TestProject } from 'vitest/node'
import { startTestMock } from '../helpers/prism.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The base URL of the run's shared mock. */
    sharedMockUrl: string
  }
}

export default async function setup(project: TestProject) {
  const mock = await startTestMock()
  project.provide('sharedMockUrl', mock.url)
  return () => mock.stop()
}
