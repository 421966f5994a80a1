// Starts the sandbox once for the `sandbox` project (a free port, an in-memory database, a
// bootstrap credential made up for this run) and stops its whole process group afterwards.
import type { TestProject } from 'vitest/node'
import { type SandboxTarget, startSandbox } from '../../src/servers/sandbox.js'

declare module 'vitest' {
  export interface ProvidedContext {
    sandbox: SandboxTarget
  }
}

export default async function setup(project: TestProject) {
  const sandbox = await startSandbox()
  const { stop, ...target } = sandbox
  project.provide('sandbox', target)
  return stop
}
