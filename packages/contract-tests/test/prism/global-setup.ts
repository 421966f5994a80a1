// Starts the Prism mock app once for the `prism` project (through the devkit, with its own
// `start` script) and stops its process group after.
import { startMock } from '@solapi/devkit'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMock()
  project.provide('mockUrl', mock.url)
  return mock.stop
}
