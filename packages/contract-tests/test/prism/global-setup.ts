// Starts the Prism mock app once for the `prism` project and stops its process group after.
import type { TestProject } from 'vitest/node'
import { startMock } from '../../src/servers/mock.js'

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMock()
  project.provide('mockUrl', mock.baseUrl)
  return mock.stop
}
